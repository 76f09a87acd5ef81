// LocalCluster module: see ../shared/DESIGN.md
