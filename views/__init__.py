"""What the pages show, built as plain data (tables, figures, maps) without Streamlit."""
