#pragma once
// CPUs this process may run on, and the NUMA node of each.

#include <string>
#include <vector>

namespace turnout::dataplane {

// CPUs in this process's affinity mask, ascending.
std::vector<unsigned> allowed_cpus();

// NUMA node of a CPU (0 when the system does not say).
int cpu_numa_node(unsigned cpu);

// "0-1,4" style list for messages.
std::string format_cpu_list(const std::vector<unsigned>& cpus);

}  // namespace turnout::dataplane
