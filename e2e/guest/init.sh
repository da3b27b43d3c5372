#!/bin/sh
# PID 1 of the qmpscope test guest. It loads the drivers that make QEMU emit
# guest-side QMP events, then obeys the host over the serial console: one shell
# command a line, each followed by a marker the host waits for.
export PATH=/bin:/sbin
mount -t devtmpfs dev /dev
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t tmpfs tmp /tmp
# The initramfs carries no /dev/console (building it needs no root), so the
# console only exists once devtmpfs is mounted.
exec </dev/ttyS0 >/dev/ttyS0 2>&1
# Kernel messages would interleave with command output: keep only emergencies.
dmesg -n 1
while read -r mod args; do
  # shellcheck disable=SC2086 # module parameters are separate words
  insmod "/lib/modules/$mod" $args || echo "@@MODULE-FAILED $mod@@"
done </etc/modules.order
ip link set lo up
# No echo: the host reads back exactly what commands print.
stty -echo
echo "@@READY@@"
# Each line is "<id> <command>"; the id comes back in the marker so the host
# can tell the end of its command from the echo of an older one.
while read -r id line; do
  # A subshell, so `exit` in a command cannot end PID 1 (the kernel would panic);
  # stdin from /dev/null, so commands never eat the host's next lines.
  ( eval "$line" ) </dev/null
  echo "@@DONE $id $?@@"
done
echo "@@CONSOLE-CLOSED@@"
exec poweroff -f
