"""Pure-Python meeting scheduling engine (no Django).

Public API::

    from matchforum.scheduling import (
        Problem, Participant, Meeting, Session, Schedule, Unscheduled,
        solve, validate, assign_tables, repair, fill_from_waiting_list,
        read_problem, read_dzn, write_dzn, read_schedule, write_schedule,
    )
"""

from .dzn import problem_from_dzn, problem_to_dzn, read_dzn, write_dzn
from .errors import FormatError, InfeasibleError, ProblemError, SchedulingError
from .insertion import explain_unscheduled
from .jsonio import (
    problem_from_dict,
    problem_to_dict,
    read_problem,
    read_schedule,
    schedule_from_dict,
    schedule_to_dict,
    write_problem,
    write_schedule,
)
from .model import (
    MUST_MEET,
    NICE_TO_MEET,
    Meeting,
    Participant,
    Problem,
    Schedule,
    Session,
    Unscheduled,
    single_day_problem,
)
from .progress import Progress
from .repair import (
    AddMeeting,
    CancelMeeting,
    ForbidSlots,
    Move,
    RepairResult,
    SetTables,
    apply_changes,
    fill_from_waiting_list,
    repair,
)
from .solver import solve
from .tables import assign_tables
from .validate import Report, validate

__all__ = [
    "MUST_MEET",
    "NICE_TO_MEET",
    "AddMeeting",
    "CancelMeeting",
    "ForbidSlots",
    "FormatError",
    "InfeasibleError",
    "Meeting",
    "Move",
    "Participant",
    "Problem",
    "ProblemError",
    "Progress",
    "RepairResult",
    "Report",
    "Schedule",
    "SchedulingError",
    "Session",
    "SetTables",
    "Unscheduled",
    "apply_changes",
    "assign_tables",
    "explain_unscheduled",
    "fill_from_waiting_list",
    "problem_from_dict",
    "problem_from_dzn",
    "problem_to_dict",
    "problem_to_dzn",
    "read_dzn",
    "read_problem",
    "read_schedule",
    "repair",
    "schedule_from_dict",
    "schedule_to_dict",
    "single_day_problem",
    "solve",
    "validate",
    "write_dzn",
    "write_problem",
    "write_schedule",
]
