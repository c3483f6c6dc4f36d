#pragma once
// Protocol numbers and fixed header sizes the parsers dispatch on (host order).

#include <cstdint>

namespace turnout::flowtable::detail {

inline constexpr uint16_t kEthTypeIpv4 = 0x0800;
inline constexpr uint16_t kEthTypeArp = 0x0806;
inline constexpr uint16_t kEthTypeRarp = 0x8035;
inline constexpr uint16_t kEthTypeVlan = 0x8100;      // 802.1Q customer tag
inline constexpr uint16_t kEthTypeQinQ = 0x88a8;      // 802.1ad service tag
inline constexpr uint16_t kEthTypeIpv6 = 0x86dd;
inline constexpr uint16_t kEthTypeMinimum = 0x0600;   // below: an 802.3 length field
inline constexpr uint16_t kEthTypeNone = 0x05ff;      // 802.3 frame without SNAP (as OVS)

inline constexpr uint8_t kIpProtoHopByHop = 0;
inline constexpr uint8_t kIpProtoIcmp = 1;
inline constexpr uint8_t kIpProtoTcp = 6;
inline constexpr uint8_t kIpProtoUdp = 17;
inline constexpr uint8_t kIpProtoRouting = 43;
inline constexpr uint8_t kIpProtoFragment = 44;
inline constexpr uint8_t kIpProtoEsp = 50;
inline constexpr uint8_t kIpProtoAuthentication = 51;
inline constexpr uint8_t kIpProtoIcmpv6 = 58;
inline constexpr uint8_t kIpProtoNoNextHeader = 59;
inline constexpr uint8_t kIpProtoDestinationOptions = 60;
inline constexpr uint8_t kIpProtoSctp = 132;

inline constexpr uint32_t kEthernetHeaderSize = 14;
inline constexpr uint32_t kVlanTagSize = 4;
inline constexpr uint32_t kLlcSnapHeaderSize = 8;
inline constexpr uint32_t kArpFixedSize = 8;
inline constexpr uint32_t kArpEthernetIpv4Size = 28;
inline constexpr uint32_t kIpv4MinHeaderSize = 20;
inline constexpr uint32_t kIpv6HeaderSize = 40;
inline constexpr uint32_t kIpv6FragmentHeaderSize = 8;
inline constexpr uint32_t kTcpMinHeaderSize = 20;
inline constexpr uint32_t kUdpHeaderSize = 8;
inline constexpr uint32_t kSctpCommonHeaderSize = 12;
inline constexpr uint32_t kIcmpTypeCodeChecksumSize = 4;

}  // namespace turnout::flowtable::detail
