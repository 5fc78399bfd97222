"""The class service as a JupyterHub-managed service: the hub says who is asking (OAuth,
`jupyterhub.services.auth`). Learners are hub users (their kernel joins with the server's
$JUPYTERHUB_API_TOKEN, no code to type); instructors are hub admins or members of a group.

    python -m clinicase class serve --hub [--db FILE] [--instructors GROUP]

reads JUPYTERHUB_SERVICE_URL and JUPYTERHUB_SERVICE_PREFIX, which the hub sets (README).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import web

from ..model import Case
from . import service
from .store import ClassDB


class HubInstructor(HubOAuthenticated):
    """The instructor check of the hub: an admin, or a member of the instructors' group."""

    def require_instructor(self) -> None:
        user = self.current_user
        if user is None:
            raise web.HTTPError(401, reason="log in to the hub first")
        group = self.settings["instructor_group"]
        if not (user.get("admin") or group in user.get("groups", [])):
            raise web.HTTPError(403, reason=f"only hub admins and the {group} group may see this")


class HubJoinHandler(HubOAuthenticated, service.JoinHandler):
    def check_xsrf_cookie(self) -> None:
        if not self.request.headers.get("Authorization"):  # a browser's hub cookie
            super().check_xsrf_cookie()

    def post(self) -> None:
        user = self.current_user
        if user is None:
            raise web.HTTPError(401, reason="the hub does not know this learner")
        self.joined(*self.db.add_learner(hub_user=user["name"]))


class HubDashboardHandler(HubInstructor, service.DashboardHandler):
    @web.authenticated  # a browser without a hub login goes to the hub's login page
    def get(self) -> None:
        self.require_instructor()
        self.render_dashboard()


class HubClassViewHandler(HubInstructor, service.ClassViewHandler):
    pass


class HubPacingHandler(HubInstructor, service.PacingHandler):
    pass


class HubExportHandler(HubInstructor, service.ExportHandler):
    pass


def make_hub_app(db: ClassDB, case: Case, prefix: str, instructor_group: str) -> web.Application:
    state = service.ClassState(db, case)
    replace = {
        service.JoinHandler: HubJoinHandler,
        service.DashboardHandler: HubDashboardHandler,
        service.ClassViewHandler: HubClassViewHandler,
        service.PacingHandler: HubPacingHandler,
        service.ExportHandler: HubExportHandler,
    }
    return web.Application(
        [
            *service.routes(state, prefix, replace),
            (prefix + "oauth_callback", HubOAuthCallbackHandler),
        ],
        cookie_secret=db.cookie_secret,
        xsrf_cookies=True,
        log_function=service.log_without_secrets,
        join_code="",
        instructor_group=instructor_group,
    )


def hub_address() -> tuple[str, int, str]:
    """(host, port, URL prefix) the hub gave this service."""
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    return url.hostname or "127.0.0.1", url.port or 80, os.environ["JUPYTERHUB_SERVICE_PREFIX"]
