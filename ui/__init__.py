"""Streamlit glue shared by the pages: cached loaders, language, map display."""
