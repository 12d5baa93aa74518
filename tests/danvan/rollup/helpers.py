import shutil
import subprocess

from tests.conftest import require


def pdf_text(content: bytes, tmp_path, first=None, last=None) -> str:
    """The PDF's text as pdftotext reads it (the real tool, not a parser of ours)."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    source = tmp_path / "document.pdf"
    source.write_bytes(content)
    command = ["pdftotext", "-layout"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    command += [str(source), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """Collapse the layout's runs of spaces, so a phrase reads as one line of words."""
    return " ".join(text.split())
