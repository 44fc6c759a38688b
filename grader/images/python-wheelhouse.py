"""Turns Debian-installed Python distributions into wheels, for the python:3.11 stand-ins.

Run inside the new root file system (chroot) at kit-build time. Builds have no network and PyPI is not
reachable here, so Flask and its dependencies come from Debian's packages. Left installed system-wide, pip would
answer "Requirement already satisfied" to every install, and `pip install --prefix=/install` or a venv would
end up empty: the lesson's multi-stage route would then copy a folder that does not exist. As wheels in a local
folder that pip is pointed at (PIP_FIND_LINKS + PIP_NO_INDEX), pip really installs them, wherever it is told to.

usage: python3 python-wheelhouse.py <wheel folder> '{"<egg-info name>": ["<requirement>", ...], ...}'
Debian drops install_requires from its egg-info, so the requirements each wheel declares are passed in.
"""

import base64
import hashlib
import json
import pathlib
import sys
import zipfile

DIST_PACKAGES = pathlib.Path("/usr/lib/python3/dist-packages")


def requires_dist(requires_txt: str) -> list[str]:
    """setuptools' requires.txt ([extra:marker] sections) as Requires-Dist lines."""
    lines, marker = [], ""
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            extra, _, env = line[1:-1].partition(":")
            parts = [f"({env})"] if env else []
            if extra:
                parts.append(f'extra == "{extra}"')
            marker = " and ".join(parts)
            continue
        lines.append(f"Requires-Dist: {line}; {marker}" if marker else f"Requires-Dist: {line}")
    return lines


def record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def build_wheel(egg_info: pathlib.Path, requirements: list[str], out_dir: pathlib.Path) -> pathlib.Path:
    pkg_info = (egg_info / "PKG-INFO").read_text()
    fields = dict(line.split(": ", 1) for line in pkg_info.splitlines() if ": " in line and not line.startswith(" "))
    name, version = fields["Name"], fields["Version"]
    top_level = [t for t in (egg_info / "top_level.txt").read_text().split() if t]
    requires = egg_info / "requires.txt"
    header, _, body = pkg_info.partition("\n\n")
    extra = [f"Requires-Dist: {r}" for r in requirements]
    extra += requires_dist(requires.read_text()) if requires.exists() else []
    metadata = "\n".join([header.rstrip("\n"), *extra]) + "\n\n" + body

    files: list[tuple[str, bytes]] = []
    for top in top_level:
        pkg_dir, module = DIST_PACKAGES / top, DIST_PACKAGES / f"{top}.py"
        if pkg_dir.is_dir():
            for path in sorted(pkg_dir.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    files.append((str(path.relative_to(DIST_PACKAGES)), path.read_bytes()))
        elif module.is_file():
            files.append((module.name, module.read_bytes()))
    platform_specific = any(arc.endswith(".so") for arc, _ in files)
    tag = "cp311-cp311-linux_x86_64" if platform_specific else "py3-none-any"
    dist_info = f"{name.replace('-', '_')}-{version}.dist-info"
    files.append((f"{dist_info}/METADATA", metadata.encode()))
    wheel_meta = f"Wheel-Version: 1.0\nGenerator: shipshape-kit\nRoot-Is-Purelib: {'false' if platform_specific else 'true'}\nTag: {tag}\n"
    files.append((f"{dist_info}/WHEEL", wheel_meta.encode()))
    entry_points = egg_info / "entry_points.txt"
    if entry_points.exists():
        files.append((f"{dist_info}/entry_points.txt", entry_points.read_bytes()))
    record = [record_line(arc, data) for arc, data in files] + [f"{dist_info}/RECORD,,"]
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))

    wheel = out_dir / f"{name.replace('-', '_')}-{version}-{tag}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for arc, data in files:
            zf.writestr(arc, data)
    return wheel


def main() -> None:
    out_dir = pathlib.Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, requirements in json.loads(sys.argv[2]).items():
        matches = sorted(DIST_PACKAGES.glob(f"{name}-*.egg-info"))
        if not matches:
            sys.exit(f"no {name}-*.egg-info in {DIST_PACKAGES}")
        print(build_wheel(matches[-1], requirements, out_dir))


if __name__ == "__main__":
    main()
