// OCI references ("host:port/name:tag@digest") and repository-name / tag rules.
#include "oci/name_rules.h"
#include "oci/reference.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    if (auto r = berth::oci::Reference::parse(text); r.ok())
        (void)r->toString();
    (void)berth::oci::validateRepositoryName(text);
    (void)berth::oci::validateTag(text);
    (void)berth::oci::quoteForMessage(text);
    return 0;
}
