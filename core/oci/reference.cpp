#include "oci/reference.h"

#include "oci/name_rules.h"

#include <cctype>

namespace berth::oci {

namespace {

constexpr std::string_view kHub = "docker.io";

bool validHost(std::string_view host)
{
    // host[:port]: letters, digits, '-', '.', optional numeric port; or [IPv6]:port.
    if (host.empty() || host.size() > 255)
        return false;
    std::string_view name = host;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos)
            return false;
        name = host.substr(1, close - 1);
        host = host.substr(close + 1);
        for (char c : name) {
            if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'))
                return false;
        }
        if (host.empty())
            return true;
        if (host.front() != ':')
            return false;
        name = {};
    }
    const auto colon = host.rfind(':');
    std::string_view port;
    if (colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        if (!name.empty())
            name = host.substr(0, colon);
        if (port.empty() || port.size() > 5)
            return false;
        unsigned value = 0;
        for (char c : port) {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (value == 0 || value > 65535)
            return false;
    }
    for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'))
            return false;
    }
    return name.empty() ||
           (name.front() != '-' && name.front() != '.' && name.back() != '-' && name.back() != '.');
}

} // namespace

Result<Reference> Reference::parse(std::string_view text)
{
    if (text.empty())
        return makeError("NAME_INVALID", "empty image reference");
    if (text.size() > 512)
        return makeError("NAME_INVALID", "image reference longer than 512 characters");
    Reference ref;
    std::string_view rest = text;
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        auto digest = Digest::parse(rest.substr(at + 1));
        if (!digest.ok())
            return digest.error();
        ref.m_digest = digest.value();
        rest = rest.substr(0, at);
    }
    // A tag is after the last ':' that follows the last '/'.
    const auto slash = rest.rfind('/');
    const auto colon = rest.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
        const std::string_view tag = rest.substr(colon + 1);
        if (auto valid = validateTag(tag); !valid.ok())
            return valid.error();
        ref.m_tag = std::string(tag);
        rest = rest.substr(0, colon);
    }
    const auto first = rest.find('/');
    const std::string_view head = rest.substr(0, first);
    const bool hasRegistry =
        first != std::string_view::npos &&
        (head.find('.') != std::string_view::npos || head.find(':') != std::string_view::npos ||
         head == "localhost" || head.starts_with('['));
    std::string path;
    if (hasRegistry) {
        if (!validHost(head))
            return makeError("NAME_INVALID", "invalid registry host " + quoteForMessage(head));
        ref.m_registry = std::string(head);
        path = std::string(rest.substr(first + 1));
    } else {
        ref.m_registry = std::string(kHub);
        path = std::string(rest);
    }
    if (ref.m_registry == "index.docker.io" || ref.m_registry == "registry-1.docker.io")
        ref.m_registry = std::string(kHub);
    if (ref.m_registry == kHub && path.find('/') == std::string::npos)
        path = "library/" + path;
    if (auto valid = validateRepositoryName(path); !valid.ok())
        return valid.error();
    ref.m_repository = std::move(path);
    return ref;
}

std::string Reference::toString() const
{
    std::string out = m_registry + "/" + m_repository;
    if (m_tag)
        out += ":" + *m_tag;
    if (m_digest)
        out += "@" + m_digest->toString();
    return out;
}

std::string Reference::familiarString() const
{
    std::string out;
    if (m_registry == kHub)
        out = m_repository.starts_with("library/") ? m_repository.substr(8) : m_repository;
    else
        out = m_registry + "/" + m_repository;
    if (m_tag)
        out += ":" + *m_tag;
    if (m_digest)
        out += "@" + m_digest->toString();
    return out;
}

} // namespace berth::oci
