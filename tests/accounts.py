"""Test helper: an account in the registry and a live sign-in for it (for AppTest pages)."""

from __future__ import annotations

from registry import auth
from registry.db import session_scope

PASSWORD = "a long test password"


def signed_in_as(engine, name: str = "editor1", role: str = "editor") -> auth.SignedIn:
    """Creates the account (once) and signs it in, as the sidebar form would."""
    with session_scope(engine) as session:
        if not any(user["username"] == name for user in auth.users(session)):
            auth.create_user(session, name, PASSWORD, role, by="test")
    with session_scope(engine) as session:
        return auth.sign_in(session, name, PASSWORD)


def form_sign_in(app, name: str = "editor1", password: str = PASSWORD):
    """Signs in through an AppTest page's sign-in form; returns the page's next run."""
    app.text_input[0].input(name)
    app.text_input[1].input(password)
    app.button[0].click()
    return app.run()


def browser_sign_in(page, base_url: str, name: str = "editor1",
                    password: str = PASSWORD) -> None:
    """Signs in through the sign-in page (English interface); the tab stays signed in."""
    page.goto(f"{base_url}/sign_in?lang=en")
    form = page.locator("[data-testid='stForm']")
    form.get_by_role("textbox", name="Username").fill(name)
    form.get_by_role("textbox", name="Password").fill(password)
    form.get_by_role("button", name="Sign in").click()
    page.locator("section[data-testid='stSidebar']").get_by_text(
        f"Signed in as {name}").wait_for(timeout=60_000)
