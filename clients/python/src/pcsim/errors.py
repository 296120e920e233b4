"""What the client raises."""


class PcsimError(Exception):
    """pcsim could not be found, built, started or reached."""


class PcsimHTTPError(PcsimError):
    """A control-plane call was refused: pcsim's Partner Center-style error, kept whole."""

    def __init__(self, method, path, status, body):
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        code = body.get("code") if isinstance(body, dict) else None
        description = body.get("description") if isinstance(body, dict) else body
        super().__init__(f"{method} {path}: {status} {code or ''} {description or ''}".strip())

    @property
    def code(self):
        return self.body.get("code") if isinstance(self.body, dict) else None
