"""`python -m schemas` prints the README's table reference."""
from .tables import markdown_reference

print(markdown_reference())
