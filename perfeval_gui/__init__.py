"""perfeval-gui: editor for the 项目支出绩效自评表 (performance self-evaluation form)."""

__version__ = "0.1.0"
