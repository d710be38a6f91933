#pragma once

#include "oci/digest.h"
#include "oci/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace berth::oci {

// An image reference: [host[:port]/]path[:tag][@digest], normalised like
// docker does: no registry means docker.io, a single Hub path component gets
// "library/" ("ubuntu" → docker.io/library/ubuntu), index.docker.io is docker.io.
// The first component is a registry when it has a '.' or ':' or is "localhost".
class Reference
{
public:
    // Errors: NAME_INVALID, TAG_INVALID, DIGEST_INVALID.
    static Result<Reference> parse(std::string_view text);

    const std::string &registry() const { return m_registry; }
    const std::string &repository() const { return m_repository; }
    const std::optional<std::string> &tag() const { return m_tag; }
    const std::optional<Digest> &digest() const { return m_digest; }

    // Canonical: "docker.io/library/ubuntu:22.04".
    std::string toString() const;
    // As docker prints it: "ubuntu:22.04" for Hub's library images.
    std::string familiarString() const;

private:
    std::string m_registry;
    std::string m_repository;
    std::optional<std::string> m_tag;
    std::optional<Digest> m_digest;
};

} // namespace berth::oci
