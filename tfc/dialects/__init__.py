"""Dialects: one module (or package) per dialect, named after it. Defining an op class
registers it; `tfc.ir.opdef.lookup_op` imports a dialect's module on first use."""
