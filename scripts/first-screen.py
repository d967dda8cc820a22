#!/usr/bin/env python3
"""Time from launching the kiosk until its first complete welcome screen, seen from
outside the process: reads the X server's screen pixels (Xlib's XGetImage through
ctypes, nothing to install) in a loop from just before the launch, and reports when
the screen first showed exactly what it shows once settled (the location's name,
the clock, the instruction and the keypad all drawn).

    first-screen.py --display :81 --size 1280x800 --expect-pixels -- BINARY ARGS...

Prints one line: `first_complete_ms N` (and `frames_seen M`). Used by
scripts/bench-start.sh, which starts the X server and prepares the data directory.
"""

import argparse
import ctypes
import os
import subprocess
import sys
import time
import zlib


class XImage(ctypes.Structure):
    # The leading fields of Xlib's XImage, up to the ones read here.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


ZPIXMAP = 2
ALL_PLANES = ctypes.c_ulong(0xFFFFFFFF)


class Screen:
    def __init__(self, display, width, height):
        self.x = ctypes.cdll.LoadLibrary("libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XGetImage.restype = ctypes.POINTER(XImage)
        self.x.XGetImage.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
        ]
        self.x.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            sys.exit(f"first-screen: cannot open the display {display}")
        self.root = self.x.XDefaultRootWindow(self.dpy)
        self.width, self.height = width, height

    def checksum(self):
        """A checksum of every pixel on the screen now."""
        image = self.x.XGetImage(
            self.dpy, self.root, 0, 0, self.width, self.height, ALL_PLANES, ZPIXMAP
        )
        if not image:
            return None
        img = image.contents
        data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
        sum_ = zlib.crc32(data)
        self.x.XDestroyImage(image)
        return sum_


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--display", required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds after which the screen counts as settled")
    parser.add_argument("--log", help="file for the kiosk's standard error")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    width, height = (int(v) for v in args.size.split("x"))
    screen = Screen(args.display, width, height)
    empty = screen.checksum()

    env = dict(os.environ, DISPLAY=args.display)
    log = open(args.log, "wb") if args.log else subprocess.DEVNULL
    seen = []  # (ns since launch, checksum) whenever the screen changed
    start = time.perf_counter_ns()
    app = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    last = empty
    try:
        while (time.perf_counter_ns() - start) / 1e9 < args.settle:
            now_sum = screen.checksum()
            at = time.perf_counter_ns() - start
            if now_sum != last:
                seen.append((at, now_sum))
                last = now_sum
            if app.poll() is not None:
                sys.exit(f"first-screen: the kiosk exited with {app.returncode}")
            time.sleep(0.001)
    finally:
        app.terminate()
        try:
            app.wait(timeout=5)
        except subprocess.TimeoutExpired:
            app.kill()
    if not seen or last == empty:
        sys.exit("first-screen: the kiosk never drew anything")
    settled = last
    first = next(at for at, s in seen if s == settled)
    print(f"first_complete_ms {first / 1e6:.0f}")
    print(f"screen_changes {len(seen)}")
    print("changes_ms " + " ".join(f"{at / 1e6:.0f}" for at, _ in seen))


if __name__ == "__main__":
    main()
