// GitSource module: see ../shared/DESIGN.md
