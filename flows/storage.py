"""Local paths and object-storage URIs (s3://bucket/prefix) side by side.

S3 settings come from the standard AWS environment variables: AWS_ENDPOINT_URL (a non-AWS server:
MinIO, moto, ...), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION or
AWS_DEFAULT_REGION. Without keys, pyarrow and deltalake use the usual AWS credential chain.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from urllib.parse import urlsplit

from pyarrow import fs


def is_remote(uri) -> bool:
    """True for scheme://... other than file://."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", str(uri))
    return match is not None and match.group(1).lower() != "file"


def join(uri: str, *parts: str) -> str:
    return "/".join([str(uri).rstrip("/"), *parts])


def _s3_env() -> dict[str, str]:
    """The S3 settings that are set, by their deltalake names."""
    env = {name: os.environ.get(name) for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
                                                   "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")}
    env["AWS_REGION"] = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return {name: value for name, value in env.items() if value}


@lru_cache(maxsize=8)
def _filesystem(scheme: str, bucket: str, settings: tuple) -> fs.FileSystem:
    env = dict(settings)
    if scheme == "s3" and env.get("AWS_ENDPOINT_URL"):
        # pyarrow ignores AWS_ENDPOINT_URL: pass it, and http for a plain-http server, explicitly
        url = urlsplit(env["AWS_ENDPOINT_URL"])
        keys = "AWS_ACCESS_KEY_ID" in env and "AWS_SECRET_ACCESS_KEY" in env
        return fs.S3FileSystem(endpoint_override=url.netloc, scheme=url.scheme or "https",
                               region=env.get("AWS_REGION"),
                               access_key=env["AWS_ACCESS_KEY_ID"] if keys else None,
                               secret_key=env["AWS_SECRET_ACCESS_KEY"] if keys else None,
                               session_token=env.get("AWS_SESSION_TOKEN") if keys else None)
    return fs.FileSystem.from_uri(f"{scheme}://{bucket}")[0]  # real AWS: finds the bucket's region


def filesystem(uri) -> tuple[fs.FileSystem, str]:
    """(pyarrow file system, path inside it) of a remote URI. Made on first use and kept per
    process and settings: worker processes make their own, nothing is pickled."""
    url = urlsplit(str(uri))
    scheme = "s3" if url.scheme == "s3a" else url.scheme
    handle = _filesystem(scheme, url.netloc, tuple(sorted(_s3_env().items())))
    return handle, (url.netloc + url.path).rstrip("/")


def delta_storage_options(uri) -> dict[str, str] | None:
    """deltalake's storage_options for a table URI (None for a local path).

    No locking option: deltalake 1.x writes each commit to S3 with a conditional put
    (If-None-Match: *), so a second writer of the same version is refused, then retries on the
    next version or fails on a conflict; no commit is lost or overwritten. The DynamoDB lock and
    AWS_S3_ALLOW_UNSAFE_RENAME of deltalake < 1.0 are not needed."""
    if not is_remote(uri):
        return None
    if urlsplit(str(uri)).scheme not in ("s3", "s3a"):
        return {}  # other stores: deltalake reads their usual environment variables
    options = _s3_env()
    if options.get("AWS_ENDPOINT_URL", "").startswith("http://"):
        options["AWS_ALLOW_HTTP"] = "true"
    return options


def exists(uri) -> bool:
    """Whether a local path or a remote file or prefix exists."""
    if not is_remote(uri):
        return os.path.exists(uri)
    handle, path = filesystem(uri)
    return handle.get_file_info(path).type != fs.FileType.NotFound


def is_dir(uri) -> bool:
    """A local folder, or a remote prefix holding at least one object."""
    if not is_remote(uri):
        return os.path.isdir(uri)
    handle, path = filesystem(uri)
    return handle.get_file_info(path).type == fs.FileType.Directory
