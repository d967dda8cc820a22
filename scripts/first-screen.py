#!/usr/bin/env python3
"""Time from launching the kiosk until its first complete welcome screen, seen from
outside the process: reads the X server's screen pixels (Xlib's XGetImage through
ctypes, nothing to install) in a loop from just before the launch, and reports when
the screen first showed what it shows once settled (the location's name, the clock,
the instruction and the keypad all drawn; at most LIMIT_SHARE of the pixels differing
strongly), and when it first showed exactly that.

    first-screen.py --display :81 --size 1280x800 --expect-pixels -- BINARY ARGS...

Prints `first_complete_ms N`, `first_identical_ms N` and the times of every change. Used by
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
# A screen counts as complete when at most this share of its pixels differs strongly
# from the settled screen (the first frame's softer edges and a label 2 pixels off
# count as complete; a missing name, clock or keypad does not).
LIMIT_SHARE = 0.005
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

    def checksum(self, save=None):
        """A checksum of every pixel on the screen now (and the pixels as a PPM
        file, when `save` names one)."""
        image = self.x.XGetImage(
            self.dpy, self.root, 0, 0, self.width, self.height, ALL_PLANES, ZPIXMAP
        )
        if not image:
            return None
        img = image.contents
        data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
        sum_ = zlib.crc32(data)
        self.last_data, self.stride = data, img.bytes_per_line
        if save:
            with open(save, "wb") as out:
                out.write(b"P6 %d %d 255\n" % (img.width, img.height))
                rgb = bytearray(img.width * img.height * 3)
                for y in range(img.height):
                    row = data[y * img.bytes_per_line:(y + 1) * img.bytes_per_line]
                    rgb[y * img.width * 3:(y + 1) * img.width * 3:3] = row[2:img.width * 4:4]
                    rgb[y * img.width * 3 + 1:(y + 1) * img.width * 3:3] = row[1:img.width * 4:4]
                    rgb[y * img.width * 3 + 2:(y + 1) * img.width * 3:3] = row[0:img.width * 4:4]
                out.write(rgb)
        self.x.XDestroyImage(image)
        return sum_


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--display", required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds after which the screen counts as settled")
    parser.add_argument("--log", help="file for the kiosk's standard error")
    parser.add_argument("--save-changes", metavar="DIR",
                        help="write each new screen as DIR/change-N.ppm (slows the polling)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    width, height = (int(v) for v in args.size.split("x"))
    screen = Screen(args.display, width, height)
    empty = screen.checksum()

    env = dict(os.environ, DISPLAY=args.display)
    log = open(args.log, "wb") if args.log else subprocess.DEVNULL
    seen = []  # (ns since launch, checksum, pixels) whenever the screen changed
    start = time.perf_counter_ns()
    app = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    last = empty
    try:
        while (time.perf_counter_ns() - start) / 1e9 < args.settle:
            now_sum = screen.checksum()
            at = time.perf_counter_ns() - start
            if now_sum != last and args.save_changes:
                screen.checksum(os.path.join(args.save_changes, f"change-{len(seen)}.ppm"))
            if now_sum != last:
                seen.append((at, now_sum, screen.last_data))
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
    settled = seen[-1][2]
    limit = width * height * LIMIT_SHARE
    complete = next(at for at, _, data in seen
                    if strong_differences(data, settled, screen.stride, width) <= limit)
    identical = next(at for at, s, _ in seen if s == last)
    print(f"first_complete_ms {complete / 1e6:.0f}")
    print(f"first_identical_ms {identical / 1e6:.0f}")
    print("changes_ms " + " ".join(f"{at / 1e6:.0f}" for at, _, _ in seen))


def strong_differences(a, b, stride, width):
    """Pixels whose colour differs by more than a quarter of the range in a channel:
    a shape missing or moved, not a softer edge."""
    count = 0
    for row in range(len(a) // stride):
        ra, rb = a[row * stride:(row + 1) * stride], b[row * stride:(row + 1) * stride]
        if ra == rb:
            continue
        for x in range(0, width * 4, 4):
            if ra[x:x + 3] != rb[x:x + 3] and max(
                abs(ra[x] - rb[x]), abs(ra[x + 1] - rb[x + 1]), abs(ra[x + 2] - rb[x + 2])
            ) > 64:
                count += 1
    return count

if __name__ == "__main__":
    main()
