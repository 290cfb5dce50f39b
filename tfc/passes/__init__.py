"""Passes: one module per pass. Defining a Pass subclass registers it by name;
`tfc.ir.passes.load_all_passes` imports every module here."""
