#pragma once

// Internal to core/oci .cpp files: typed, path-aware reading of untrusted JSON.
// Includes nlohmann/json — never include this from a public header.

#include "oci/result.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::oci {

// Parses untrusted JSON: rejects nesting deeper than `maxDepth` before
// nlohmann sees it, invalid UTF-8, and trailing garbage.
Result<nlohmann::json> parseUntrustedJson(std::string_view bytes, std::string_view errorCode,
                                          std::size_t maxDepth = 64);

// Reads fields of one JSON object, recording the first type error with its path.
class JsonReader
{
public:
    JsonReader(const nlohmann::json &object, std::string path, std::string errorCode);

    bool has(const char *key) const;
    std::string string(const char *key, bool required = false);
    std::optional<std::int64_t> integer(const char *key, bool required = false);
    bool boolean(const char *key);
    std::vector<std::string> stringArray(const char *key);
    std::map<std::string, std::string> stringMap(const char *key);
    // Keys of an object (e.g. ExposedPorts {"80/tcp": {}}).
    std::vector<std::string> objectKeys(const char *key);
    const nlohmann::json *object(const char *key, bool required = false);
    const nlohmann::json *array(const char *key, bool required = false);

    std::string childPath(const char *key) const;
    void setError(const std::string &message);
    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

private:
    const nlohmann::json *field(const char *key) const;
    void typeError(const char *key, const char *expected);
    void missing(const char *key);

    const nlohmann::json &m_object;
    std::string m_path;
    std::string m_code;
    std::optional<Error> m_error;
};

} // namespace berth::oci
