from .tables import TABLES, SchemaMismatch, key_columns, markdown_reference, validate

__all__ = ["TABLES", "SchemaMismatch", "key_columns", "markdown_reference", "validate"]
