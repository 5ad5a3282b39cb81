from django.urls import path

from .views import importing, onsite, reports, scheduling, setup, vetting

app_name = "console"
urlpatterns = [
    path("", setup.home, name="home"),
    path("setup/", setup.forum_setup, name="setup"),
    path("setup/sessions/", setup.sessions, name="sessions"),
    path("setup/sessions/<int:pk>/", setup.session_edit, name="session_edit"),
    path("setup/sessions/<int:pk>/remove/", setup.session_remove, name="session_remove"),
    path("setup/tables/", setup.tables, name="tables"),
    path("setup/tables/<int:pk>/", setup.table_edit, name="table_edit"),
    path("import/", importing.registration_import, name="registration_import"),
    path("import/<int:pk>/", importing.registration_import_job, name="registration_import_job"),
    path(
        "import/<int:pk>/confirm/",
        importing.registration_import_confirm,
        name="registration_import_confirm",
    ),
    path(
        "import/template.<str:fmt>",
        importing.registration_template,
        name="registration_template",
    ),
    path("vetting/", vetting.queue, name="vetting"),
    path("vetting/<int:pk>/", vetting.detail, name="vetting_detail"),
    path("runs/", scheduling.runs, name="runs"),
    path("runs/compare/", scheduling.run_compare, name="run_compare"),
    path("runs/<int:pk>/", scheduling.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", scheduling.run_progress, name="run_progress"),
    path("runs/<int:pk>/cancel/", scheduling.run_cancel, name="run_cancel"),
    path("runs/<int:pk>/publish/", scheduling.run_publish, name="run_publish"),
    path("repair/", scheduling.repair, name="repair"),
    path("waiting-list/", scheduling.waiting, name="waiting_list"),
    path("meetings/", onsite.meetings, name="meetings"),
    path("meetings/add/", onsite.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/action/", onsite.meeting_action, name="meeting_action"),
    path("meetings/<int:pk>/cancel/", onsite.meeting_cancel_confirm, name="meeting_cancel"),
    path(
        "meetings/<int:pk>/cancel/undo/",
        onsite.meeting_cancel_undo_view,
        name="meeting_cancel_undo",
    ),
    path("onsite/check-in/", onsite.checkin, name="checkin"),
    path("onsite/check-in/<int:pk>/", onsite.checkin_toggle, name="checkin_toggle"),
    path("analytics/", reports.analytics, name="analytics"),
    path("exports/<slug:name>.<str:fmt>", reports.export, name="export"),
    path("print/", reports.print_material, name="print"),
    path("print/table-cards.pdf", reports.table_cards_pdf, name="table_cards_pdf"),
    path("print/running-order.pdf", reports.running_order_pdf, name="running_order_pdf"),
]
