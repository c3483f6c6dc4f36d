# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/ovs.sh - OVS-DPDK 3.1 (Debian openvswitch-switch-dpdk, netdev datapath) as the
# reference switch. Requires common.sh. Interface: see testpmd.sh.
#
# A private instance: its own ovsdb-server, database, run/log directories and DPDK file
# prefix under the work dir; ovs-vswitchd-dpdk is run directly (the system's OVS service
# and the ovs-vswitchd alternative are never touched). ovs-vswitchd runs in a network
# namespace of its own (unshare --net), so the bridge's internal tap never appears in the
# root namespace. Ports are dpdkvhostuserclient (OVS connects, the generator listens).
# One PMD on PERF_SUT_CPU (pmd-cpu-mask), main/handler/revalidator threads on PERF_GEN_CPU
# (dpdk-lcore-mask). Busy cycles per packet come from dpif-netdev/pmd-stats-show
# ("avg processing cycles per packet") after dpif-netdev/pmd-stats-clear.

: "${PERF_OVS_BIN:=/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk}"
: "${PERF_OVS_SCHEMA:=/usr/share/openvswitch/vswitch.ovsschema}"
: "${PERF_OVS_SOCKET_MEM:=512}"
OVS_DIR=""; OVS_LOGDIR=""; OVS_DB_PID=""; OVS_VS_PID=""; OVS_BR="tpbr$$"

ovs_available() {
	local c
	[ -x "$PERF_OVS_BIN" ] || { perf_warn "OVS-DPDK not found at $PERF_OVS_BIN (package openvswitch-switch-dpdk)"; return 1; }
	for c in ovsdb-tool ovsdb-server ovs-vsctl ovs-appctl ovs-ofctl unshare; do
		command -v "$c" > /dev/null || { perf_warn "ovs: $c not found"; return 1; }
	done
}

ovs_version() { "$PERF_OVS_BIN" --version 2>/dev/null | head -1; }

# everything OVS-related runs with the private directories in its environment
_ovs_env() {
	OVS_RUNDIR="$OVS_DIR/run" OVS_DBDIR="$OVS_DIR/db" OVS_LOGDIR="$OVS_LOGDIR" \
		OVS_ETCDIR="$OVS_DIR/etc" OVS_SYSCONFDIR="$OVS_DIR/etc" OVS_PKGDATADIR=/usr/share/openvswitch "$@"
}
_ovs_vsctl() { _ovs_env ovs-vsctl --db="unix:$OVS_DIR/run/db.sock" --timeout=30 "$@"; }
_ovs_appctl() { _ovs_env ovs-appctl -t "$OVS_DIR/run/ovs-vswitchd.ctl" "$@"; }
_ovs_ofctl() { local cmd=$1; shift; _ovs_env ovs-ofctl "$cmd" "unix:$OVS_DIR/run/$OVS_BR.mgmt" "$@"; }

ovs_start() {
	local dir=$1 logdir=$2 scen=$3
	case "$scen" in
	p2p) ;;
	*) perf_warn "ovs: scenario $scen not supported"; return 1 ;;
	esac
	OVS_DIR=$dir; OVS_LOGDIR=$logdir
	mkdir -p "$dir"/{run,db,etc} "$logdir"
	rm -f "$dir/db/conf.db" "$dir/run/"*
	_ovs_env ovsdb-tool create "$dir/db/conf.db" "$PERF_OVS_SCHEMA" || return 1
	_ovs_env ovsdb-server "$dir/db/conf.db" --remote="punix:$dir/run/db.sock" \
		--pidfile="$dir/run/ovsdb-server.pid" --unixctl="$dir/run/ovsdb-server.ctl" \
		--log-file="$logdir/ovsdb-server.log" --detach --no-chdir 2> "$logdir/ovsdb-server.stderr" ||
		{ perf_warn "ovsdb-server failed: $(tail -3 "$logdir/ovsdb-server.stderr")"; return 1; }
	OVS_DB_PID=$(cat "$dir/run/ovsdb-server.pid")
	perf_track_pid "$OVS_DB_PID" "ovsdb-server"
	_ovs_vsctl --no-wait init || return 1
	_ovs_vsctl --no-wait set Open_vSwitch . other_config:dpdk-init=true \
		other_config:dpdk-lcore-mask="$(printf '0x%x' $((1 << PERF_GEN_CPU)))" \
		other_config:pmd-cpu-mask="$(printf '0x%x' $((1 << PERF_SUT_CPU)))" \
		other_config:dpdk-socket-mem="$PERF_OVS_SOCKET_MEM" \
		other_config:dpdk-socket-limit="$PERF_OVS_SOCKET_MEM" \
		"other_config:dpdk-extra=--file-prefix=tperf$$-ovs --in-memory --no-pci" \
		other_config:vhost-sock-dir=. || return 1
	# --detach returns once the daemon is up; its PID is in the pidfile.
	_ovs_env unshare --net "$PERF_OVS_BIN" "unix:$dir/run/db.sock" \
		--pidfile="$dir/run/ovs-vswitchd.pid" --unixctl="$dir/run/ovs-vswitchd.ctl" \
		--log-file="$logdir/ovs-vswitchd.log" --detach --no-chdir \
		> "$logdir/ovs-vswitchd.stderr" 2>&1 || {
		perf_warn "ovs-vswitchd-dpdk failed to start; tail of $logdir/ovs-vswitchd.log:"
		tail -15 "$logdir/ovs-vswitchd.log" >&2; ovs_stop; return 1; }
	OVS_VS_PID=$(cat "$dir/run/ovs-vswitchd.pid")
	perf_track_pid "$OVS_VS_PID" "ovs-vswitchd-dpdk"
	SW_PID=$OVS_VS_PID
	_ovs_vsctl --timeout=60 wait-until Open_vSwitch . dpdk_initialized=true ||
		{ perf_warn "ovs: DPDK did not initialize"; ovs_stop; return 1; }

	SW_TX_SOCK="$dir/vh0.sock"; SW_RX_SOCK="$dir/vh1.sock"; SW_ROLE=client
	_ovs_vsctl add-br "$OVS_BR" -- set bridge "$OVS_BR" datapath_type=netdev \
		-- add-port "$OVS_BR" vh0 -- set Interface vh0 type=dpdkvhostuserclient \
		options:vhost-server-path="$SW_TX_SOCK" ofport_request=1 \
		-- add-port "$OVS_BR" vh1 -- set Interface vh1 type=dpdkvhostuserclient \
		options:vhost-server-path="$SW_RX_SOCK" ofport_request=2 || { ovs_stop; return 1; }
	case "$scen" in
	p2p)
		_ovs_ofctl del-flows && _ovs_ofctl add-flow "in_port=1,actions=output:2" || { ovs_stop; return 1; } ;;
	esac
	perf_wait_threads "$OVS_VS_PID" '^pmd' 15 || { perf_warn "ovs: no PMD thread"; ovs_stop; return 1; }
	perf_log "ovs-vswitchd pid=$OVS_VS_PID ovsdb-server pid=$OVS_DB_PID bridge=$OVS_BR ($(_ovs_vsctl get Open_vSwitch . dpdk_version 2>/dev/null))"
}

ovs_fwd_schedstat() { perf_thread_schedstat "$OVS_VS_PID" '^pmd'; }

ovs_stats_clear() { _ovs_appctl dpif-netdev/pmd-stats-clear > /dev/null; }

ovs_stats_read() {
	local out=$1 r
	SW_CYCLES=nan; SW_PKTS=0
	_ovs_appctl dpif-netdev/pmd-stats-show > "$out" 2>&1 || return 1
	r=$(perf_pmd_stats_parse "$out")
	SW_CYCLES=${r% *}; SW_PKTS=${r#* }
	{ echo "### dpif-netdev/pmd-rxq-show"; _ovs_appctl dpif-netdev/pmd-rxq-show; } >> "$out" 2>&1
}

ovs_stop() {
	if perf_alive "$OVS_VS_PID"; then
		_ovs_vsctl --timeout=10 --if-exists del-br "$OVS_BR" > /dev/null 2>&1
		_ovs_appctl --timeout=10 exit > /dev/null 2>&1
		perf_wait_exit "$OVS_VS_PID" 10 || perf_stop_pid "$OVS_VS_PID" TERM 3
	fi
	[ -n "$OVS_VS_PID" ] && perf_untrack_pid "$OVS_VS_PID"
	if perf_alive "$OVS_DB_PID"; then
		_ovs_env ovs-appctl -t "$OVS_DIR/run/ovsdb-server.ctl" --timeout=5 exit > /dev/null 2>&1
		perf_wait_exit "$OVS_DB_PID" 3 || perf_stop_pid "$OVS_DB_PID" TERM 3
	fi
	[ -n "$OVS_DB_PID" ] && perf_untrack_pid "$OVS_DB_PID"
	OVS_VS_PID=""; OVS_DB_PID=""
	[ -n "$OVS_DIR" ] && rm -f "$OVS_DIR/vh0.sock" "$OVS_DIR/vh1.sock"
	return 0
}
