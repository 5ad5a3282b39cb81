"""matchforum: matchmaking and meeting scheduling for defence-industry forums."""
