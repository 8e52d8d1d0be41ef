"""`translit serve`: a local review app over the PO files of a folder.

- `edit`: change one entry of a PO file in place, every other byte kept.
- `store`: the review folder as the app and its JSON API see it (list, read, save,
  check as you type, machine English), the PO being the one master.
- `app`: the Starlette application (pages, JSON API, security rules).
- `server`: bind, print the URL with its token, run until Ctrl-C.

Nothing here is imported by `translit --help`: Starlette and uvicorn load when the
`serve` command runs.
"""
