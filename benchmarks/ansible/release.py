#!/usr/bin/env python3
"""The release that provision's app-files role uploads, for the Ansible side: prints its id and writes the archive.

The id is provision's (roles/AppFiles/ReleaseSnapshot.cs): the first 12 hex digits of a SHA-256 over the sorted
relative paths, the kind (d, x for an executable file, f) and the content of every entry, leaving out names that
match an exclusion pattern. The archive holds <id>/... plus the .provision-release marker, modes 0755/0644, so that
unarchive into releases/ lays the release out as provision does.
Usage: release.py SOURCE_DIR ARCHIVE_PATH
"""
import fnmatch, hashlib, io, os, sys, tarfile

EXCLUDE = ["__pycache__", "*.pyc", "test_*.py", ".git"]


def entries(root):
    found = []

    def walk(directory, prefix):
        for name in os.listdir(directory):
            if any(fnmatch.fnmatchcase(name, p) for p in EXCLUDE):
                continue
            full = os.path.join(directory, name)
            if os.path.islink(full):
                sys.exit(f"{full} is a symbolic link")
            if os.path.isdir(full):
                found.append((prefix + name, "d", b"", full))
                walk(full, prefix + name + "/")
            else:
                with open(full, "rb") as f:
                    data = f.read()
                found.append((prefix + name, "x" if os.stat(full).st_mode & 0o100 else "f", data, full))

    walk(root, "")
    return sorted(found, key=lambda e: e[0])


def main():
    source, archive = sys.argv[1], sys.argv[2]
    items = entries(source)
    digest = hashlib.sha256()
    for path, kind, data, _ in items:
        digest.update(f"{kind} {len(data)} {path}\n".encode())
        digest.update(data)
    release = digest.hexdigest()[:12]
    with tarfile.open(archive, "w:gz") as tar:
        top = tarfile.TarInfo(release)
        top.type, top.mode, top.mtime = tarfile.DIRTYPE, 0o755, int(os.stat(source).st_mtime)
        tar.addfile(top)
        for path, kind, data, full in items:
            info = tarfile.TarInfo(f"{release}/{path}")
            info.mtime = int(os.stat(full).st_mtime)
            if kind == "d":
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.mode, info.size = (0o755 if kind == "x" else 0o644), len(data)
                tar.addfile(info, io.BytesIO(data))
        marker = f"{release}\n".encode()
        info = tarfile.TarInfo(f"{release}/.provision-release")
        info.mode, info.size, info.mtime = 0o644, len(marker), int(os.stat(source).st_mtime)
        tar.addfile(info, io.BytesIO(marker))
    print(release)


main()
