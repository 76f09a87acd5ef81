// KubeAPI module: see ../shared/DESIGN.md
