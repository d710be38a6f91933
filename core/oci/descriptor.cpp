#include "oci/descriptor.h"

namespace berth::oci {

bool Descriptor::isAttestation() const
{
    if (platform && platform->isUnknown())
        return true;
    const auto it = annotations.find("vnd.docker.reference.type");
    return it != annotations.end() && it->second == "attestation-manifest";
}

} // namespace berth::oci
