#include "oci/json_reader.h"

namespace berth::oci {

Result<nlohmann::json> parseUntrustedJson(std::string_view bytes, std::string_view errorCode,
                                          std::size_t maxDepth)
{
    const std::string code(errorCode);
    // Depth pre-scan (strings skipped), so hostile nesting never reaches the parser.
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return makeError(code,
                                 "JSON nested deeper than " + std::to_string(maxDepth) + " levels");
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    nlohmann::json doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false, false);
    if (doc.is_discarded())
        return makeError(code, "not valid JSON");
    return doc;
}

JsonReader::JsonReader(const nlohmann::json &object, std::string path, std::string errorCode)
    : m_object(object)
    , m_path(std::move(path))
    , m_code(std::move(errorCode))
{
    if (!m_object.is_object())
        setError((m_path.empty() ? std::string("document") : m_path) + ": expected an object");
}

std::string JsonReader::childPath(const char *key) const
{
    return m_path.empty() ? std::string(key) : m_path + "." + key;
}

void JsonReader::setError(const std::string &message)
{
    if (!m_error)
        m_error = makeError(m_code, message);
}

void JsonReader::typeError(const char *key, const char *expected)
{
    setError(childPath(key) + ": expected " + expected);
}

void JsonReader::missing(const char *key)
{
    setError(childPath(key) + ": missing");
}

const nlohmann::json *JsonReader::field(const char *key) const
{
    if (!m_object.is_object())
        return nullptr;
    const auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null())
        return nullptr;
    return &*it;
}

bool JsonReader::has(const char *key) const
{
    return field(key) != nullptr;
}

std::string JsonReader::string(const char *key, bool required)
{
    const auto *v = field(key);
    if (!v) {
        if (required)
            missing(key);
        return {};
    }
    if (!v->is_string()) {
        typeError(key, "a string");
        return {};
    }
    return v->get<std::string>();
}

std::optional<std::int64_t> JsonReader::integer(const char *key, bool required)
{
    const auto *v = field(key);
    if (!v) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (v->is_number_integer())
        return v->get<std::int64_t>();
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(u);
    }
    typeError(key, "an integer");
    return std::nullopt;
}

bool JsonReader::boolean(const char *key)
{
    const auto *v = field(key);
    if (!v)
        return false;
    if (!v->is_boolean()) {
        typeError(key, "true or false");
        return false;
    }
    return v->get<bool>();
}

std::vector<std::string> JsonReader::stringArray(const char *key)
{
    std::vector<std::string> out;
    const auto *v = field(key);
    if (!v)
        return out;
    if (!v->is_array()) {
        typeError(key, "an array of strings");
        return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto &item = (*v)[i];
        if (!item.is_string()) {
            setError(childPath(key) + "[" + std::to_string(i) + "]: expected a string");
            return {};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::map<std::string, std::string> JsonReader::stringMap(const char *key)
{
    std::map<std::string, std::string> out;
    const auto *v = field(key);
    if (!v)
        return out;
    if (!v->is_object()) {
        typeError(key, "an object of strings");
        return out;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (!it.value().is_string()) {
            setError(childPath(key) + "." + it.key() + ": expected a string");
            return {};
        }
        out.emplace(it.key(), it.value().get<std::string>());
    }
    return out;
}

std::vector<std::string> JsonReader::objectKeys(const char *key)
{
    std::vector<std::string> out;
    const auto *v = field(key);
    if (!v)
        return out;
    if (!v->is_object()) {
        typeError(key, "an object");
        return out;
    }
    for (auto it = v->begin(); it != v->end(); ++it)
        out.push_back(it.key());
    return out;
}

const nlohmann::json *JsonReader::object(const char *key, bool required)
{
    const auto *v = field(key);
    if (!v) {
        if (required)
            missing(key);
        return nullptr;
    }
    if (!v->is_object()) {
        typeError(key, "an object");
        return nullptr;
    }
    return v;
}

const nlohmann::json *JsonReader::array(const char *key, bool required)
{
    const auto *v = field(key);
    if (!v) {
        if (required)
            missing(key);
        return nullptr;
    }
    if (!v->is_array()) {
        typeError(key, "an array");
        return nullptr;
    }
    return v;
}

} // namespace berth::oci
