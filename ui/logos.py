"""The admin page's section for organisations' logos: upload (checked by registry.logos),
see and remove; each change audited under the admin's name."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from registry import logos, queries
from registry.auth import SignedIn
from registry.db import session_scope
from ui.data import registry_changed
from views.programme import md
from views.text import t

FLASH = "logo_flash"
UPLOADS = "logo_uploads"  # bumped after each change, so the uploader starts empty again


def _name(row, lang: str) -> str:
    english = row["name_en"] if lang == "en" and isinstance(row["name_en"], str) else ""
    return english or row["name_th"]


def logo_section(engine: Engine, admin: SignedIn, lang: str) -> None:
    st.subheader(t("logo_title", lang))
    st.caption(t("logo_rules", lang, size=f"{logos.MAX_BYTES // 1024:,}",
                 side=f"{logos.MAX_SIDE:,}"))
    if flash := st.session_state.pop(FLASH, None):
        st.success(md(flash))
    organisations = queries.organisations(engine)
    if organisations.empty:
        st.caption(t("logo_no_organisations", lang))
        return
    names = {row["slug"]: _name(row, lang) for _, row in organisations.iterrows()}
    stored = queries.logos(engine).set_index("slug")
    slug = st.selectbox(t("organisation", lang), list(names), key="logo_organisation",
                        format_func=lambda s: names[s] + (" ✓" if s in stored.index else ""))
    if slug in stored.index:
        st.caption(md(t("logo_current", lang, name=names[slug])))
        st.image(bytes(stored.at[slug, "content"]), width=160)
    else:
        st.caption(t("logo_none", lang))
    upload = st.file_uploader(t("logo_file", lang), type=["png", "jpg", "jpeg"],
                              max_upload_size=max(1, logos.MAX_BYTES // 2**20),
                              key=f"logo_file_{st.session_state.get(UPLOADS, 0)}")
    upload_clicked, remove_clicked = False, False
    with st.container(horizontal=True):
        upload_clicked = st.button(t("logo_upload", lang), key="logo_upload",
                                   disabled=upload is None, icon=":material/upload:")
        if slug in stored.index:
            remove_clicked = st.button(t("logo_remove", lang), key="logo_remove",
                                       icon=":material/delete:")
    try:
        if upload_clicked and upload is not None:
            with session_scope(engine) as session:
                logos.store_logo(session, slug, upload.getvalue(), admin.username)
            _changed(t("logo_stored", lang, name=names[slug]))
        elif remove_clicked:
            with session_scope(engine) as session:
                logos.remove_logo(session, slug, admin.username)
            _changed(t("logo_removed", lang, name=names[slug]))
    except logos.LogoError as error:
        st.error(md(t(error.key, lang, **error.values)), icon="🛑")
    except SQLAlchemyError as error:
        st.error(md(t("logo_err_storage", lang, error=error)), icon="🛑")


def _changed(message: str) -> None:
    registry_changed()
    st.session_state[FLASH] = message
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1  # an empty uploader
    st.rerun()
