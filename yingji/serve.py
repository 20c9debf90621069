"""`yingji serve`: open the preview (yingji/preview/) on a free port and say where it is.

The public preview can be shown to colleagues on the office network (--host 0.0.0.0); the
internal one (full names and numbers) stays on this machine. A busy port is not an error:
the next free one is used.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import threading
from pathlib import Path

from .preview.console import Console
from .preview.server import PortsBusy, open_server
from .preview.session import Preview
from .workspace import PROFILE_NAMES

ALL_INTERFACES = ("0.0.0.0", "::", "")


def serve(root: Path, port: int, profile: str = "public", *, host: str = "127.0.0.1", pdf: bool = True) -> int:
    console = Console()
    if profile == "internal" and not _local(host):
        console.problems([f"错误：内部版含个人姓名和完整电话，只能在本机预览，不能与 --host {host} 同用。"
                          "给同事看请用公开版：yingji serve --host 0.0.0.0"])
        return 2
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    preview = Preview(root, profile, pdf=pdf, console=console)
    try:
        server, busy = open_server(host, port, preview.folder, preview.status)
    except (PortsBusy, OSError) as err:
        console.problems([f"错误：{_port_problem(err, host, port)}"])
        return 1
    if busy:
        console.plain(f"端口 {busy[0]} 已被占用（也许另一个预览还开着），改用端口 {server.server_port}。")
    if threading.current_thread() is threading.main_thread():
        # Before the address is shown: a `kill` right after it must stop the preview like Ctrl+C.
        signal.signal(signal.SIGTERM, _stop)
    server.start()
    try:
        _announce(console, preview, profile, host, server.server_port)
        threading.Event().wait()
    except (KeyboardInterrupt, SystemExit):
        console.plain("预览已停止。")
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
    return 0


def _announce(console: Console, preview: Preview, profile: str, host: str, port: int) -> None:
    """Build once, then say where the preview is and who may open it."""
    label = PROFILE_NAMES[profile]
    console.plain(f"正在生成{label}网站（第一次较慢，之后每次保存只更新改动的页面）……")
    build = preview.start()
    size = f"{len(build.pages)} 个页面，用时 {build.seconds:.1f} 秒；" if build else ""
    console.line(f"{label}预览：{_address(host, port)}（{size}改动内容并保存后自动刷新，按 Ctrl+C 停止）")
    for line in _colleagues(host, port):
        console.plain(line)
    if profile == "internal":
        console.plain("内部版预览：含个人姓名和完整电话，只在本机（127.0.0.1）查看，不要把这个地址开放给别人。")


def _stop(signum, frame):
    raise SystemExit(0)  # `kill`: stop like Ctrl+C, with the background PDF job


def _local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ALL_INTERFACES else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/"


def _colleagues(host: str, port: int) -> list[str]:
    if _local(host):
        return []
    addresses = _lan_addresses() if host in ALL_INTERFACES else [host]
    if not addresses:
        return ["同一网络的同事可以用这台电脑的 IP 地址打开（端口 {port}）。".format(port=port)]
    links = "、".join(_address(address, port) for address in addresses)
    return [f"同一网络的同事可以打开：{links}（打不开时，请让电脑的防火墙放行端口 {port}）"]


def _lan_addresses() -> list[str]:
    """This machine's addresses on the office network (no packet is sent)."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: only picks the outgoing interface
            found.append(probe.getsockname()[0])
        except OSError:
            pass
    try:
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not ipaddress.ip_address(a).is_loopback]


def _port_problem(err: OSError, host: str, port: int) -> str:
    if isinstance(err, PortsBusy):
        return f"{err.strerror}：请关掉其他预览，或用 --port 换一个端口（如 --port 8100）"
    if isinstance(err, socket.gaierror):
        return f"不认识的地址 {host}：--host 写本机的 IP 地址，或 0.0.0.0（本机所有网络）"
    if err.errno == errno.EACCES:
        return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）：请换一个，如 --port 8000"
    if err.errno == errno.EADDRNOTAVAIL:
        return f"这台电脑没有地址 {host}：--host 写本机的 IP 地址，或 0.0.0.0（本机所有网络）"
    return f"无法在 {host}:{port} 上提供预览（{err.strerror or err}）"
