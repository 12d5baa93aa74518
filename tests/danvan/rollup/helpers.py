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


def docx_as_pdf(content: bytes, tmp_path) -> bytes:
    """The .docx as LibreOffice lays it out (headless Writer, its own profile so that runs
    beside another LibreOffice do not share one), as a PDF to read back with pdftotext."""
    soffice = shutil.which("soffice")
    require(soffice is not None, "LibreOffice (soffice, libreoffice-writer-nogui) is missing")
    folder = tmp_path / "libreoffice"
    folder.mkdir(exist_ok=True)
    source = folder / "document.docx"
    source.write_bytes(content)
    profile = (tmp_path / "libreoffice-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "document.pdf").read_bytes()
