"""Errors a clerk may see: one clear Vietnamese sentence, with an English gloss for the log."""


class UserError(Exception):
    def __init__(self, message: str, gloss: str = ""):
        super().__init__(message)
        self.message = message
        self.gloss = gloss or message
