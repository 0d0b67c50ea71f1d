"""The offline interactive page: renderer, template, script, layout, style, scope, details."""
