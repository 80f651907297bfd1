"""What a query worker process may do: no network, and a memory cap.

A worker (queries/serving/limits.py) runs SPARQL that users type. The query text is checked first
(kg/querytext.py), and the worker itself cannot reach the network either, so a mistake in
the check alone lets nothing out:

* **No network.** A seccomp filter (Linux, x86-64 and AArch64) makes ``socket()`` fail with
  ``EACCES`` for every address family but ``AF_UNIX`` (the pipe to the parent). It
  applies to Rust code as well as Python: pyoxigraph's HTTP client (SERVICE, LOAD) cannot
  open a connection or resolve a name. The filter is inherited and can never be lifted.
* **A memory cap.** ``RLIMIT_AS`` bounds the worker's address space: a query that builds a
  huge intermediate result fails (pyoxigraph aborts on a failed allocation, Python raises
  ``MemoryError``) instead of taking the machine's memory; the parent reports it.

:func:`confine` applies both and says what it could not apply (another platform), rather
than failing: the text check still holds there.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import resource
import struct
import sys

# Address space a worker may use. A worker with an open store and an idle query needs
# about 0.5 GB of address space (thread stacks and RocksDB's reservations count here,
# not only memory in use), so the cap must leave room above that.
DEFAULT_MAX_MEMORY = 2 * 1024**3
MIN_MAX_MEMORY = 768 * 1024**2

_SECCOMP_ARCH = {  # machine: (AUDIT_ARCH_*, __NR_socket)
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_AF_UNIX = 1
# BPF opcodes: load a 32-bit word of seccomp_data, jump if equal / greater or equal, return.
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06


def _filter(audit_arch: int, nr_socket: int) -> bytes:
    """A seccomp program: socket(domain, ...) with domain != AF_UNIX fails with EACCES;
    so does any system call made through another ABI (x32, a 32-bit compatibility mode)."""
    deny = _RET_ERRNO | errno.EACCES
    program = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, audit_arch),
        (_RET_K, 0, 0, deny),
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JGE_K, 0, 1, 0x40000000),  # the x32 ABI's numbers
        (_RET_K, 0, 0, deny),
        (_JEQ_K, 0, 3, nr_socket),
        (_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0], low 32 bits (little-endian)
        (_JEQ_K, 1, 0, _AF_UNIX),
        (_RET_K, 0, 0, deny),
        (_RET_K, 0, 0, _RET_ALLOW),
    ]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def cut_network() -> str | None:
    """Forbid this process (and its children) every socket but AF_UNIX, for good.
    None when done, else why it could not be."""
    arch = _SECCOMP_ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return f"no seccomp filter for {sys.platform}/{platform.machine()}"
    libc = ctypes.CDLL(None, use_errno=True)
    program = _filter(*arch)
    buffer = ctypes.create_string_buffer(program)
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS) failed: errno {ctypes.get_errno()}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"seccomp filter refused: errno {ctypes.get_errno()}"
    return None


def cap_memory(max_bytes: int | None) -> str | None:
    """Bound this process's address space to ``max_bytes`` (None or 0: no cap)."""
    if not max_bytes:
        return None
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError) as exc:
        return f"cannot cap memory: {exc}"
    return None


def confine(max_memory: int | None) -> list[str]:
    """Cut the network and cap memory; the reasons for whatever could not be done."""
    return [why for why in (cut_network(), cap_memory(max_memory)) if why is not None]


def parse_size(text: str) -> int:
    """``512M``, ``2G``, ``1.5G``, ``0`` (no cap) or a number of bytes."""
    value = text.strip().upper().removesuffix("B")
    factor = 1
    for suffix, size in (("K", 1024), ("M", 1024**2), ("G", 1024**3), ("T", 1024**4)):
        if value.endswith(suffix):
            value, factor = value[:-1], size
            break
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"cannot read memory size {text!r}: expected e.g. 512M or 2G") from None
    if number < 0:
        raise ValueError(f"cannot read memory size {text!r}: it is negative")
    size = int(number * factor)
    if 0 < size < MIN_MAX_MEMORY:
        raise ValueError(
            f"memory size {text!r} is too small: a query worker needs at least "
            f"{MIN_MAX_MEMORY // 1024**2} MB (0 means no cap)"
        )
    return size
