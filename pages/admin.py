"""Admins: accounts (list, add, disable, new password), the audit log, and undoing an import.

Thin wiring: accounts live in registry.auth, the log in registry.audit, undo in
loaders.importer. Every change made here is audited under the admin's name.
"""

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

import settings
from loaders import importer
from registry import audit, auth
from registry.db import RegistryUnavailable, describe, session_scope
from registry.models import USER_ROLES
from ui.auth import require_role
from ui.data import engine as registry_engine
from ui.data import registry_changed
from ui.entry import run_through_dashboard
from ui.lang import current_language
from views.audit import audit_csv, audit_table, utc_range
from views.programme import md

run_through_dashboard()

LOG_PAGE_SIZE = 100

TEXT = {
    "title": ("ผู้ดูแลระบบ", "Administration"),
    "users": ("ผู้ใช้", "Users"),
    "log": ("บันทึกการเปลี่ยนแปลง", "Audit log"),
    "imports": ("การนำเข้า", "Imports"),
    "add": ("เพิ่มผู้ใช้", "Add a user"),
    "username": ("ชื่อผู้ใช้", "Username"),
    "role": ("บทบาท", "Role"),
    "password": ("รหัสผ่าน", "Password"),
    "again": ("รหัสผ่านอีกครั้ง", "Password again"),
    "differ": ("รหัสผ่านสองช่องไม่ตรงกัน", "The two passwords differ"),
    "added": ("เพิ่มผู้ใช้ {name} แล้ว", "User {name} added"),
    "account": ("บัญชี", "Account"),
    "disable": ("ระงับบัญชี", "Disable"),
    "enable": ("เปิดใช้บัญชี", "Enable"),
    "changed": ("บันทึกแล้ว", "Saved"),
    "new_password": ("ตั้งรหัสผ่านใหม่", "Set a new password"),
    "set_password": ("บันทึกรหัสผ่าน", "Save password"),
    "no_users": ("ยังไม่มีผู้ใช้", "No users yet"),
    "filter_user": ("ผู้ใช้", "User"),
    "filter_actions": ("การกระทำ", "Actions"),
    "filter_kinds": ("ประเภท", "Kinds"),
    "kind_imports": ("การนำเข้า", "Imports"),
    "kind_edits": ("การแก้ไข", "Edits"),
    "kind_accounts": ("บัญชีผู้ใช้", "Accounts"),
    "kind_sign_ins": ("การเข้าสู่ระบบ", "Sign-ins"),
    "log_page": ("หน้า", "Page"),
    "log_shown": ("รายการที่ {first:,}–{last:,} จาก {total:,} (ใหม่สุดก่อน)",
                  "Entries {first:,}–{last:,} of {total:,} (newest first)"),
    "from": ("ตั้งแต่วันที่", "From"),
    "to": ("ถึงวันที่", "To"),
    "everyone": ("ทุกคน", "Everyone"),
    "empty_log": ("ไม่มีรายการที่ตรงกับตัวกรอง", "No entry matches these filters"),
    "download": ("ดาวน์โหลด CSV (ทุกรายการที่ตรงกับตัวกรอง)",
                 "Download CSV (every entry matching the filters)"),
    "no_imports": ("ยังไม่มีการนำเข้า", "No imports yet"),
    "undo_which": ("ยกเลิกการนำเข้าครั้งที่", "Undo import #"),
    "confirm": ("ยืนยัน: ลบแถวที่มีเฉพาะการนำเข้านี้ให้ไว้ (แถวที่การนำเข้าอื่นให้ไว้ด้วยยังอยู่)",
                "Confirm: remove the rows only this import gives (rows other imports also "
                "give stay)"),
    "undo": ("ยกเลิกการนำเข้า", "Undo import"),
    "undone": ("ยกเลิกการนำเข้าครั้งที่ {id}: ลบ {rows} แถว และตัวเลข {claims} รายการ",
               "Import #{id} undone: {rows} rows and {claims} figures removed"),
    "unavailable": ("ฐานข้อมูลไม่พร้อมใช้งาน: {error}", "The database is unavailable: {error}"),
    "database": ("ฐานข้อมูลทะเบียน: {where}", "Registry database: {where}"),
}


def say(key: str, **values: object) -> str:
    text = TEXT[key][0 if lang == "th" else 1]
    return text.format(**values) if values else text


def refused(error: Exception) -> None:
    st.error(md(error), icon="🛑")


lang = current_language()
admin = require_role("admin")
st.title(say("title"))
if flash := st.session_state.pop("admin_flash", None):
    st.success(flash)
try:
    engine = registry_engine()
except RegistryUnavailable as error:
    st.warning(say("unavailable", error=md(error)), icon="🛑")
    st.stop()

st.caption(md(say("database", where=describe(settings.database_url()))))
users_tab, log_tab, imports_tab = st.tabs([say("users"), say("log"), say("imports")])

with users_tab:
    with session_scope(engine) as session:
        accounts = pd.DataFrame(auth.users(session))
    if accounts.empty:
        st.caption(say("no_users"))
    else:
        st.dataframe(accounts, hide_index=True, key="users_table")

    with st.form("add_user", clear_on_submit=True):
        st.markdown(f"**{say('add')}**")
        name = st.text_input(say("username"), max_chars=50, key="add_name")
        role = st.selectbox(say("role"), USER_ROLES, key="add_role")
        password = st.text_input(say("password"), type="password", key="add_password")
        again = st.text_input(say("again"), type="password", key="add_again")
        if st.form_submit_button(say("add")):
            if password != again:
                st.error(say("differ"))
            else:
                try:
                    with session_scope(engine) as session:
                        made = auth.create_user(session, name, password, role,
                                                by=admin.username)
                    st.session_state["admin_flash"] = say("added", name=made.username)
                    st.rerun()
                except auth.AuthError as error:
                    refused(error)

    if not accounts.empty:
        left, right = st.columns(2)
        chosen = left.selectbox(say("account"), accounts["username"].tolist(), key="account")
        is_disabled = bool(accounts.loc[accounts["username"] == chosen, "disabled"].iloc[0])
        if left.button(say("enable") if is_disabled else say("disable"), key="toggle_account"):
            try:
                with session_scope(engine) as session:
                    auth.set_disabled(session, chosen, not is_disabled, by=admin.username)
                st.session_state["admin_flash"] = say("changed")
                st.rerun()
            except auth.AuthError as error:
                refused(error)
        with right.form("reset_password", clear_on_submit=True):
            st.markdown(f"**{say('new_password')}**")
            new = st.text_input(say("password"), type="password", key="reset_password_1")
            new_again = st.text_input(say("again"), type="password", key="reset_password_2")
            if st.form_submit_button(say("set_password")):
                if new != new_again:
                    st.error(say("differ"))
                else:
                    try:
                        with session_scope(engine) as session:
                            auth.change_password(session, chosen, new, by=admin.username)
                        st.session_state["admin_flash"] = say("changed")
                        st.rerun()
                    except auth.AuthError as error:
                        refused(error)

with log_tab:
    with session_scope(engine) as session:
        known_actions = audit.actions(session)
        known_users = audit.usernames(session)
    columns = st.columns(5)
    who = columns[0].selectbox(say("filter_user"), [None, *known_users], key="log_user",
                               format_func=lambda u: say("everyone") if u is None else u)
    kinds = columns[1].multiselect(say("filter_kinds"), audit.KIND_NAMES, key="log_kinds",
                                   format_func=lambda kind: say(f"kind_{kind}"))
    actions = columns[2].multiselect(say("filter_actions"), known_actions, key="log_actions")
    start = columns[3].date_input(say("from"), value=None, key="log_from")
    end = columns[4].date_input(say("to"), value=None, key="log_to")
    since, until = utc_range(start, end)
    filters = {"username": who, "kinds": kinds or None, "actions": actions or None,
               "since": since, "until": until}
    with session_scope(engine) as session:
        total = audit.count(session, **filters)
    if not total:
        st.caption(say("empty_log"))
    else:
        pages = -(-total // LOG_PAGE_SIZE)
        # The key names the page count, so narrower filters start again on page 1.
        number = int(st.number_input(say("log_page"), 1, pages, 1, key=f"log_page_{pages}"))
        with session_scope(engine) as session:
            entries = audit.entries(session, limit=LOG_PAGE_SIZE,
                                    offset=(number - 1) * LOG_PAGE_SIZE, **filters)
        first = (number - 1) * LOG_PAGE_SIZE + 1
        st.caption(say("log_shown", first=first, last=first + len(entries) - 1, total=total))
        st.dataframe(audit_table(entries, lang), hide_index=True, key="audit_table")

        def whole_log() -> bytes:
            with session_scope(engine) as session:
                return audit_csv(audit.entries(session, limit=None, **filters), lang)

        st.download_button(say("download"), whole_log, "audit-log.csv", mime="text/csv",
                           on_click="ignore")

with imports_tab:
    past = importer.history(engine)
    if past.empty:
        st.caption(say("no_imports"))
    else:
        st.dataframe(past.drop(columns="sha256"), hide_index=True, key="imports_table")
        active = past.loc[past["undone_at"].isna(), "import_id"].tolist()
        if active:
            chosen_import = st.selectbox(say("undo_which"), active, key="admin_undo_choice")
            confirmed = st.checkbox(say("confirm"), key="admin_undo_confirm")
            if st.button(say("undo"), key="admin_undo_button", disabled=not confirmed):
                try:
                    result = importer.undo(engine, int(chosen_import),
                                           undone_by=admin.username)
                except (importer.ImportFailed, SQLAlchemyError) as error:
                    refused(error)
                else:
                    registry_changed()
                    st.session_state["admin_flash"] = say(
                        "undone", id=result.import_id, rows=result.removed_coverage,
                        claims=result.removed_claims)
                    st.rerun()
