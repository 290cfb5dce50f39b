"""(placeholder: filled by the issue-4 lowering work)"""

LOWERINGS: dict = {}
