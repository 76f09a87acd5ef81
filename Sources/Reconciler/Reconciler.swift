// Reconciler module: see ../shared/DESIGN.md
