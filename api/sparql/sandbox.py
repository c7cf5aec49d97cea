"""Take the network away from a query process, before it opens the store.

pyoxigraph executes `SERVICE` (an HTTP client inside the store) and has no option to turn it
off (0.5: neither `Store.query` nor the store take one), so a query that slips past the
guard would make the process call any address. Two layers, each enough on its own:

- seccomp: a filter (classic BPF, installed with prctl) under which socket(), socketpair(),
  connect(), bind(), listen(), accept(), send*() and io_uring (which can open sockets past
  the filter) fail with EPERM, as do system calls of any other ABI (i386 or x32 on x86_64,
  AArch32 on aarch64) which the filter's numbers would not match. It needs no privilege and
  holds for the threads the process starts later (RocksDB's), and for anything it execs.
- a network namespace of its own (unshare(CLONE_NEWNET)), with no interface but a loopback
  that is down, when the process may make one (CAP_SYS_ADMIN: root outside a container).

Standard library only: the query process loads this file by path (see worker.py).
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
CLONE_NEWNET = 0x40000000
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO = 0x7FFF0000, 0x00050000
BPF_LD_W_ABS, BPF_JEQ_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x35, 0x06
NR_OFFSET, ARCH_OFFSET = 0, 4  # struct seccomp_data: int nr; __u32 arch; …
X32_SYSCALL_BIT = 0x40000000

# the audit architecture and the numbers of the calls refused, per machine
# (x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64: include/uapi/asm-generic/unistd.h)
NETWORK_CALLS = ("socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
                 "sendto", "sendmsg", "sendmmsg", "io_uring_setup", "io_uring_enter", "io_uring_register")
MACHINES = {
    "x86_64": (0xC000003E, {"socket": 41, "connect": 42, "accept": 43, "sendto": 44, "sendmsg": 46, "bind": 49,
                            "listen": 50, "socketpair": 53, "accept4": 288, "sendmmsg": 307,
                            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
    "aarch64": (0xC00000B7, {"socket": 198, "socketpair": 199, "bind": 200, "listen": 201, "accept": 202,
                             "connect": 203, "sendto": 206, "sendmsg": 211, "accept4": 242, "sendmmsg": 269,
                             "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
}


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]


def network_filter(arch: int, numbers: list[int]) -> list[tuple[int, int, int, int]]:
    """The BPF program: EPERM for another ABI's calls and for `numbers`, the rest allowed."""
    refuse = SECCOMP_RET_ERRNO | errno.EPERM
    count = len(numbers)
    program = [(BPF_LD_W_ABS, 0, 0, ARCH_OFFSET),
               (BPF_JEQ_K, 1, 0, arch),                  # our ABI: go on to the number
               (BPF_RET_K, 0, 0, refuse),
               (BPF_LD_W_ABS, 0, 0, NR_OFFSET)]
    if arch == MACHINES["x86_64"][0]:                    # x32 calls share the arch, not the numbers
        program.append((BPF_JGE_K, count + 1, 0, X32_SYSCALL_BIT))
    # each refused number jumps to the final `refuse`; falling through all of them allows
    program += [(BPF_JEQ_K, count - i, 0, number) for i, number in enumerate(numbers)]
    return program + [(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW), (BPF_RET_K, 0, 0, refuse)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _call(result: int, what: str) -> None:
    if result != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")


def machine() -> tuple[int, dict[str, int]]:
    """This machine's audit architecture and system call numbers."""
    name = platform.machine()
    if platform.system() != "Linux" or name not in MACHINES:
        raise OSError(errno.ENOSYS, f"no seccomp filter for {platform.system()} {name}")
    return MACHINES[name]


def install_seccomp() -> None:
    arch, numbers = machine()
    install_filter(network_filter(arch, [numbers[name] for name in NETWORK_CALLS]))


def install_filter(program: list[tuple[int, int, int, int]]) -> None:
    """Filter this thread's system calls, and those of the threads and programs it starts."""
    filters = (SockFilter * len(program))(*(SockFilter(*instruction) for instruction in program))
    prog = SockFprog(len(program), filters)
    libc = _libc()
    _call(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    _call(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0), "prctl(PR_SET_SECCOMP)")


def enter_network_namespace() -> None:
    _call(_libc().unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")


def confine() -> list[str]:
    """Apply both layers (namespace first: the filter does not refuse unshare); the layers
    that could not be applied, each with why, for the caller to warn about."""
    missing = []
    for layer, apply in (("network namespace", enter_network_namespace), ("seccomp filter", install_seccomp)):
        try:
            apply()
        except (OSError, AttributeError) as err:  # AttributeError: a libc without the call
            missing.append(f"{layer} ({err.strerror if isinstance(err, OSError) else err})")
    return missing

