<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>berth::client::Authenticator</name>
    <message>
        <source>The registry asked for a token but named no usable token server.</source>
        <translation>镜像仓库要求使用令牌，但未指明可用的令牌服务器。</translation>
    </message>
    <message>
        <source>The registry requires a login Berth does not support (%1).</source>
        <translation>镜像仓库要求的登录方式 Berth 不支持（%1）。</translation>
    </message>
    <message>
        <source>no challenge</source>
        <translation>无质询</translation>
    </message>
</context>
<context>
    <name>berth::client::BlobJob</name>
    <message>
        <source>%1: the content does not match its digest.</source>
        <translation>%1：内容与其摘要不匹配。</translation>
    </message>
</context>
<context>
    <name>berth::client::BulkDeleteJob</name>
    <message>
        <source>the multi-arch image %1, pushed since the preview, could not be read (%2)</source>
        <translation>预览之后推送的多架构镜像 %1 无法读取（%2）</translation>
    </message>
    <message>
        <source>tag %1 could not be checked: %2</source>
        <translation>无法检查标签 %1：%2</translation>
    </message>
    <message>
        <source>moved since the preview: %1</source>
        <translation>预览后已指向其他镜像：%1</translation>
    </message>
    <message>
        <source>now also tagged %1</source>
        <translation>现在还带有标签 %1</translation>
    </message>
    <message>
        <source>nothing deleted: </source>
        <translation>未删除任何内容：</translation>
    </message>
    <message>
        <source>nothing deleted: the multi-arch image tagged %1 lists it</source>
        <translation>未删除任何内容：标签为 %1 的多架构镜像包含它</translation>
    </message>
    <message>
        <source>already gone</source>
        <translation>已不存在</translation>
    </message>
</context>
<context>
    <name>berth::client::ClientError</name>
    <message>
        <source>%1 was disconnected.</source>
        <translation>%1已断开连接。</translation>
    </message>
</context>
<context>
    <name>berth::client::CopyJob</name>
    <message>
        <source>“%1” is not a valid tag.</source>
        <translation>“%1”不是有效的标签。</translation>
    </message>
    <message>
        <source>The source registry</source>
        <translation>源镜像仓库</translation>
    </message>
    <message>
        <source>%1:%2 is where the image is already: choose another repository or tag.</source>
        <translation>镜像已在 %1:%2：请选择其他仓库或标签。</translation>
    </message>
    <message>
        <source>%1:%2 was pointed at another image (%3) while copying; it was left so, and %4 was not tagged.</source>
        <translation>复制期间 %1:%2 被指向了另一个镜像（%3）；已保持原样，%4 未打标签。</translation>
    </message>
    <message>
        <source>%1:%2 already points at another image (%3, not %4); nothing was copied.</source>
        <translation>%1:%2 已指向另一个镜像（%3，而非 %4）；未复制任何内容。</translation>
    </message>
    <message>
        <source>Blob %1 in %2</source>
        <translation>%2 中的 blob %1</translation>
    </message>
    <message>
        <source>Pushing to %1</source>
        <translation>推送到 %1</translation>
    </message>
    <message numerus="yes">
        <source>It was tried %n time(s).</source>
        <translation>
            <numerusform>已尝试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is no platform (os/arch[/variant], as linux/arm64).</source>
        <translation>“%1”不是平台（应为 os/arch[/variant]，如 linux/arm64）。</translation>
    </message>
    <message>
        <source>%1 is a single-platform image: it was copied as it is, whatever its platform.</source>
        <translation>%1 是单平台镜像：已按原样复制，与其平台无关。</translation>
    </message>
    <message>
        <source>%1 has no %2 image (it has %3).</source>
        <translation>%1 没有 %2 镜像（它有 %3）。</translation>
    </message>
    <message>
        <source>The index of %1 could not be narrowed to its platforms.</source>
        <translation>无法将 %1 的索引缩减到所选平台。</translation>
    </message>
</context>
<context>
    <name>berth::client::CopyTagsJob</name>
    <message>
        <source>The source registry</source>
        <translation>源镜像仓库</translation>
    </message>
    <message>
        <source>A new tag name is for one tag; several tags keep their names.</source>
        <translation>新标签名只适用于单个标签；多个标签保留各自的名称。</translation>
    </message>
    <message>
        <source>The tag filter is not a valid regular expression: %1</source>
        <translation>标签筛选不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <source>%1 has no tags to copy.</source>
        <translation>%1 没有可复制的标签。</translation>
    </message>
    <message>
        <source>No tag of %1 matches “%2”.</source>
        <translation>%1 中没有与“%2”匹配的标签。</translation>
    </message>
    <message>
        <source>No tag to copy was given.</source>
        <translation>未指定要复制的标签。</translation>
    </message>
    <message>
        <source>The tags of %1 are there already: choose another repository, registry or tag.</source>
        <translation>%1 的这些标签已在该处：请选择其他仓库、镜像仓库或标签。</translation>
    </message>
</context>
<context>
    <name>berth::client::DeleteTagJob</name>
    <message>
        <source>%1:%2 now points at %3, not at %4 as shown; nothing was deleted. Refresh and check again.</source>
        <translation>%1:%2 现在指向 %3，而不是显示的 %4；未删除任何内容。请刷新后再检查。</translation>
    </message>
    <message>
        <source>Upload to %1</source>
        <translation>上传到 %1</translation>
    </message>
    <message>
        <source> The tag was put back on its image; nothing was deleted.</source>
        <translation>标签已恢复到原镜像；未删除任何内容。</translation>
    </message>
    <message>
        <source> Putting the tag back failed too (HTTP %1): %2:%3 now points at a Berth placeholder; push it again or retag %4.</source>
        <translation>恢复标签也失败了（HTTP %1）：%2:%3 现在指向一个 Berth 占位镜像；请重新推送，或为 %4 重新打上该标签。</translation>
    </message>
</context>
<context>
    <name>berth::client::DeletionPlan</name>
    <message>
        <source>Set at least one condition.</source>
        <translation>请至少设置一个条件。</translation>
    </message>
    <message>
        <source>The number of tags to keep cannot be negative.</source>
        <translation>要保留的标签数量不能为负数。</translation>
    </message>
    <message>
        <source>The age in days cannot be negative.</source>
        <translation>天数不能为负数。</translation>
    </message>
    <message>
        <source>The pattern is not a valid regular expression: %1</source>
        <translation>该模式不是有效的正则表达式：%1</translation>
    </message>
    <message numerus="yes">
        <source>Delete image %1 with tag(s) %2</source>
        <translation>
            <numerusform>删除镜像 %1（标签：%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (multi-arch: its %n platform manifest(s) become untagged)</source>
        <translation>
            <numerusform>（多架构：其 %n 个平台清单将变为无标签）</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove tag %1 only (image %2 stays for %3 and is listed by multi-arch %4)</source>
        <translation>仅移除标签 %1（镜像 %2 因 %3 保留，且被多架构镜像 %4 列出）</translation>
    </message>
    <message>
        <source>Remove tag %1 only (image %2 stays for %3)</source>
        <translation>仅移除标签 %1（镜像 %2 因 %3 保留）</translation>
    </message>
    <message>
        <source>Remove tag %1 only (image %2 stays, listed by multi-arch %3)</source>
        <translation>仅移除标签 %1（镜像 %2 保留，被多架构镜像 %3 列出）</translation>
    </message>
    <message>
        <source>Remove tag %1 only (image %2 stays)</source>
        <translation>仅移除标签 %1（镜像 %2 保留）</translation>
    </message>
</context>
<context>
    <name>berth::client::HttpExchange</name>
    <message>
        <source>The upload&apos;s data went away.</source>
        <translation>上传的数据已不存在。</translation>
    </message>
    <message>
        <source>Berth stopped reading %1.</source>
        <translation>Berth 已停止读取 %1。</translation>
    </message>
    <message>
        <source>The registry sent more than %1 KiB for %2; Berth stopped reading.</source>
        <translation>镜像仓库为 %2 发送的数据超过 %1 KiB；Berth 已停止读取。</translation>
    </message>
    <message>
        <source>%1 redirected this request elsewhere; Berth does not follow it there.</source>
        <translation>%1 将此请求重定向到了别处；Berth 不会跟随该重定向。</translation>
    </message>
    <message>
        <source>Too many redirects (more than %1).</source>
        <translation>重定向次数过多（超过 %1 次）。</translation>
    </message>
    <message>
        <source>The registry redirected to an invalid address.</source>
        <translation>镜像仓库重定向到了无效的地址。</translation>
    </message>
    <message>
        <source>The registry redirected from HTTPS to plain HTTP (%1); Berth refused.</source>
        <translation>镜像仓库从 HTTPS 重定向到明文 HTTP（%1）；Berth 已拒绝。</translation>
    </message>
    <message>
        <source>Connection refused by %1 — is the registry running there?</source>
        <translation>%1 拒绝连接 — 镜像仓库是否在那里运行？</translation>
    </message>
    <message>
        <source>Host %1 not found — check the address.</source>
        <translation>找不到主机 %1 — 请检查地址。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation>%1 在 %2 秒内没有响应。</translation>
    </message>
    <message>
        <source>%1 speaks plain HTTP, not HTTPS — use http:// for this registry.</source>
        <translation>%1 使用的是明文 HTTP，而不是 HTTPS — 请为此镜像仓库使用 http://。</translation>
    </message>
    <message>
        <source>The certificate of %1 is signed by an unknown authority — add its CA file, or choose insecure mode.</source>
        <translation>%1 的证书由未知的颁发机构签发 — 请添加其 CA 文件，或选择不安全模式。</translation>
    </message>
    <message>
        <source>The certificate of %1 is for another host name.</source>
        <translation>%1 的证书属于其他主机名。</translation>
    </message>
    <message>
        <source>The certificate of %1 has expired.</source>
        <translation>%1 的证书已过期。</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation>与 %1 的安全连接失败：%2</translation>
    </message>
    <message>
        <source>%1 closed the connection unexpectedly.</source>
        <translation>%1 意外关闭了连接。</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation>与 %1 通信时发生网络错误：%2</translation>
    </message>
</context>
<context>
    <name>berth::client::ImageGraphJob</name>
    <message>
        <source>%1@%2 is no manifest Berth can read.</source>
        <translation>%1@%2 不是 Berth 能读取的清单。</translation>
    </message>
</context>
<context>
    <name>berth::client::ImageJob</name>
    <message>
        <source>The image config of %1:%2 is invalid: %3</source>
        <translation>%1:%2 的镜像配置无效：%3</translation>
    </message>
    <message>
        <source>index nested too deeply</source>
        <translation>索引嵌套过深</translation>
    </message>
</context>
<context>
    <name>berth::client::ListPageJob</name>
    <message>
        <source>The repository list</source>
        <translation>仓库列表</translation>
    </message>
    <message>
        <source>This registry does not list its repositories (no /v2/_catalog for this login); add repositories by name.</source>
        <translation>此镜像仓库不提供仓库列表（此登录无法访问 /v2/_catalog）；请按名称添加仓库。</translation>
    </message>
    <message>
        <source>The registry&apos;s answer has no &apos;%1&apos; list.</source>
        <translation>镜像仓库的响应中没有“%1”列表。</translation>
    </message>
    <message>
        <source>The registry&apos;s repository list is not valid JSON (%1).</source>
        <translation>镜像仓库返回的仓库列表不是有效的 JSON（%1）。</translation>
    </message>
    <message>
        <source>The registry&apos;s tag list is not valid JSON (%1).</source>
        <translation>镜像仓库返回的标签列表不是有效的 JSON（%1）。</translation>
    </message>
</context>
<context>
    <name>berth::client::ManifestJob</name>
    <message>
        <source>%1: the registry sent an invalid Docker-Content-Digest.</source>
        <translation>%1：镜像仓库发送了无效的 Docker-Content-Digest。</translation>
    </message>
    <message>
        <source>%1: the registry answered for another digest.</source>
        <translation>%1：镜像仓库返回的是另一个摘要的内容。</translation>
    </message>
    <message>
        <source>%1: the content does not match its digest — the registry or something between may be corrupting data.</source>
        <translation>%1：内容与其摘要不匹配 — 镜像仓库或中间环节可能损坏了数据。</translation>
    </message>
    <message>
        <source>%1 is not a valid manifest: %2</source>
        <translation>%1 不是有效的清单：%2</translation>
    </message>
</context>
<context>
    <name>berth::client::MirrorCache</name>
    <message>
        <source>The registry&apos;s cache listing is not valid: %1.</source>
        <translation>镜像仓库的缓存列表无效：%1。</translation>
    </message>
    <message>
        <source>it is not JSON</source>
        <translation>不是 JSON</translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>storeBytes is not a size</source>
        <translation>storeBytes 不是有效的大小</translation>
    </message>
    <message>
        <source>maxSize is not a size</source>
        <translation>maxSize 不是有效的大小</translation>
    </message>
    <message>
        <source>repositories is not a list</source>
        <translation>repositories 不是列表</translation>
    </message>
    <message>
        <source>a repository has no valid name</source>
        <translation>某个仓库没有有效的名称</translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation>%1 被列出了两次</translation>
    </message>
    <message>
        <source>%1 has no tag count or size</source>
        <translation>%1 没有标签数量或大小</translation>
    </message>
    <message>
        <source>%1&apos;s upstream is not a URL</source>
        <translation>%1 的上游不是 URL</translation>
    </message>
    <message>
        <source>%1&apos;s last pull is not a time</source>
        <translation>%1 的上次拉取时间不是有效时间</translation>
    </message>
    <message>
        <source>it is not about %1</source>
        <translation>列表不属于 %1</translation>
    </message>
    <message>
        <source>the upstream is not a URL</source>
        <translation>上游不是 URL</translation>
    </message>
    <message>
        <source>tags is not a list</source>
        <translation>tags 不是列表</translation>
    </message>
    <message>
        <source>a tag has no valid name</source>
        <translation>某个标签没有有效的名称</translation>
    </message>
    <message>
        <source>tag %1 is listed twice</source>
        <translation>标签 %1 被列出了两次</translation>
    </message>
    <message>
        <source>tag %1 has no valid digest</source>
        <translation>标签 %1 没有有效的摘要</translation>
    </message>
    <message>
        <source>tag %1 has no valid part counts</source>
        <translation>标签 %1 没有有效的组成部分数量</translation>
    </message>
    <message>
        <source>tag %1&apos;s last pull is not a time</source>
        <translation>标签 %1 的上次拉取时间不是有效时间</translation>
    </message>
</context>
<context>
    <name>berth::client::MirrorCacheJob</name>
    <message>
        <source>The mirror&apos;s cache listing</source>
        <translation>代理缓存的缓存列表</translation>
    </message>
</context>
<context>
    <name>berth::client::OnlineGcJob</name>
    <message>
        <source>The registry&apos;s garbage collection report is not JSON.</source>
        <translation>镜像仓库的垃圾回收报告不是 JSON。</translation>
    </message>
    <message>
        <source>This registry has no online garbage collection (it is berth-registry&apos;s /berth/v1/garbage-collect).</source>
        <translation>此镜像仓库不支持在线垃圾回收（即 berth-registry 的 /berth/v1/garbage-collect）。</translation>
    </message>
    <message>
        <source>Garbage collection</source>
        <translation>垃圾回收</translation>
    </message>
</context>
<context>
    <name>berth::client::PingJob</name>
    <message>
        <source>The registry</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>%1, issued by %2, valid until %3</source>
        <translation>%1，由 %2 签发，有效期至 %3</translation>
    </message>
</context>
<context>
    <name>berth::client::PrefetchJob</name>
    <message>
        <source>not an image reference (repository:tag or repository@digest)</source>
        <translation>不是镜像引用（应为 repository:tag 或 repository@digest）</translation>
    </message>
    <message>
        <source>not tried after %1 failed: the registry or its upstream could not serve it</source>
        <translation>%1 失败后未再尝试：镜像仓库或其上游无法提供它</translation>
    </message>
</context>
<context>
    <name>berth::client::PutManifestJob</name>
    <message>
        <source>“%1” is neither a tag nor a digest.</source>
        <translation>“%1”既不是标签也不是摘要。</translation>
    </message>
    <message>
        <source>Manifest %1:%2</source>
        <translation>清单 %1:%2</translation>
    </message>
    <message>
        <source>%1 stored manifest %2 under another digest, %3: the copy is not the same image, though it was written.</source>
        <translation>%1 将清单 %2 存储在另一个摘要 %3 下：虽然已写入，但副本与原镜像不同。</translation>
    </message>
</context>
<context>
    <name>berth::client::ReferrersJob</name>
    <message>
        <source>Referrers of %1</source>
        <translation>%1 的引用者</translation>
    </message>
    <message>
        <source>The registry&apos;s referrers list is not a valid OCI index.</source>
        <translation>镜像仓库返回的引用者（referrers）列表不是有效的 OCI 索引。</translation>
    </message>
</context>
<context>
    <name>berth::client::ReferrersTagJob</name>
    <message>
        <source>The referrers index in %1 could not be written (%2): the signatures, SBOMs and attestations are there by digest, but tools that read the index do not find them.</source>
        <translation>无法在 %1 中写入引用者索引（%2）：签名、SBOM 和证明已按摘要存在，但读取该索引的工具找不到它们。</translation>
    </message>
</context>
<context>
    <name>berth::client::RegistryEndpoint</name>
    <message>
        <source>Enter the registry&apos;s address, e.g. registry.example.com or localhost:5000.</source>
        <translation>请输入镜像仓库地址，例如 registry.example.com 或 localhost:5000。</translation>
    </message>
    <message>
        <source>The registry address is too long.</source>
        <translation>镜像仓库地址过长。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid registry address.</source>
        <translation>“%1”不是有效的镜像仓库地址。</translation>
    </message>
    <message>
        <source>Put the username in the login fields, not in the address.</source>
        <translation>请将用户名填写在登录字段中，而不是写在地址里。</translation>
    </message>
    <message>
        <source>A registry address has no path (&apos;%1&apos;); use host[:port].</source>
        <translation>镜像仓库地址不能包含路径（“%1”）；请使用 host[:port]。</translation>
    </message>
    <message>
        <source>A registry address has no query or fragment.</source>
        <translation>镜像仓库地址不能包含查询参数或片段。</translation>
    </message>
    <message>
        <source>Only http:// and https:// registries are supported.</source>
        <translation>仅支持 http:// 和 https:// 镜像仓库。</translation>
    </message>
</context>
<context>
    <name>berth::client::RegistryErrorBody</name>
    <message>
        <source>blob unknown to registry</source>
        <translation>镜像仓库中不存在该 blob</translation>
    </message>
    <message>
        <source>blob upload invalid</source>
        <translation>blob 上传无效</translation>
    </message>
    <message>
        <source>blob upload unknown to registry</source>
        <translation>镜像仓库中不存在该 blob 上传</translation>
    </message>
    <message>
        <source>provided digest did not match uploaded content</source>
        <translation>提供的摘要与上传的内容不匹配</translation>
    </message>
    <message>
        <source>manifest references a manifest or blob unknown to registry</source>
        <translation>清单引用了镜像仓库中不存在的清单或 blob</translation>
    </message>
    <message>
        <source>manifest invalid</source>
        <translation>清单无效</translation>
    </message>
    <message>
        <source>manifest unknown to registry</source>
        <translation>镜像仓库中不存在该清单</translation>
    </message>
    <message>
        <source>invalid repository name</source>
        <translation>仓库名称无效</translation>
    </message>
    <message>
        <source>repository name not known to registry</source>
        <translation>镜像仓库中不存在该仓库名称</translation>
    </message>
    <message>
        <source>provided length did not match content length</source>
        <translation>提供的长度与内容长度不匹配</translation>
    </message>
    <message>
        <source>authentication required</source>
        <translation>需要身份验证</translation>
    </message>
    <message>
        <source>requested access to the resource is denied</source>
        <translation>对该资源的访问请求被拒绝</translation>
    </message>
    <message>
        <source>the operation is unsupported</source>
        <translation>不支持该操作</translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation>请求过多</translation>
    </message>
    <message>
        <source>manifest tag did not match URI</source>
        <translation>清单标签与 URI 不匹配</translation>
    </message>
    <message>
        <source>invalid content range</source>
        <translation>内容范围无效</translation>
    </message>
    <message>
        <source>invalid number of results requested</source>
        <translation>请求的结果数量无效</translation>
    </message>
</context>
<context>
    <name>berth::client::RegistrySession</name>
    <message>
        <source> (registry said: %1)</source>
        <translation>（镜像仓库返回：%1）</translation>
    </message>
    <message>
        <source> (registry said: %1 — %2)</source>
        <translation>（镜像仓库返回：%1 — %2）</translation>
    </message>
    <message>
        <source>%1 speaks HTTPS, not plain HTTP — use https:// for this registry.</source>
        <translation>%1 使用的是 HTTPS，而不是明文 HTTP — 请为此镜像仓库使用 https://。</translation>
    </message>
    <message>
        <source>%1: the registry rejected the request (HTTP 400)%2.</source>
        <translation>%1：镜像仓库拒绝了该请求（HTTP 400）%2。</translation>
    </message>
    <message>
        <source>This login may not do that: %1 (insufficient scope).</source>
        <translation>此登录无权执行该操作：%1（权限范围不足）。</translation>
    </message>
    <message>
        <source>401 — wrong username or password for %1.</source>
        <translation>401 — %1 的用户名或密码错误。</translation>
    </message>
    <message>
        <source>401 — %1 needs a login; add your username and password to this registry.</source>
        <translation>401 — %1 需要登录；请为此镜像仓库添加用户名和密码。</translation>
    </message>
    <message>
        <source>403 — this login may not do that: %1%2.</source>
        <translation>403 — 此登录无权执行该操作：%1%2。</translation>
    </message>
    <message>
        <source>%1 not found%2.</source>
        <translation>未找到 %1%2。</translation>
    </message>
    <message>
        <source>Deletes are disabled on this registry. Enable them with storage.delete.enabled: true in its config.yml (or REGISTRY_STORAGE_DELETE_ENABLED=true) and restart it.</source>
        <translation>此镜像仓库已禁用删除。请在其 config.yml 中设置 storage.delete.enabled: true（或设置 REGISTRY_STORAGE_DELETE_ENABLED=true）以启用删除，然后重启该镜像仓库。</translation>
    </message>
    <message>
        <source>%1: the registry does not allow this operation (HTTP 405)%2.</source>
        <translation>%1：镜像仓库不允许此操作（HTTP 405）%2。</translation>
    </message>
    <message>
        <source>The registry is rate-limiting requests (HTTP 429); try again later.</source>
        <translation>镜像仓库正在限制请求速率（HTTP 429）；请稍后重试。</translation>
    </message>
    <message>
        <source>The registry failed with HTTP %1 on %2%3.</source>
        <translation>镜像仓库处理 %2 时出错（HTTP %1）%3。</translation>
    </message>
    <message>
        <source>%1: HTTP %2%3.</source>
        <translation>%1：HTTP %2%3。</translation>
    </message>
</context>
<context>
    <name>berth::client::RemoveRepositoryJob</name>
    <message>
        <source>This registry cannot remove repositories (the registry API has no such call; berth-registry adds one).</source>
        <translation>此镜像仓库无法移除仓库（镜像仓库 API 没有此类调用；berth-registry 额外提供了该调用）。</translation>
    </message>
</context>
<context>
    <name>berth::client::SearchJob</name>
    <message>
        <source>Type something to search for.</source>
        <translation>请输入要搜索的内容。</translation>
    </message>
</context>
<context>
    <name>berth::client::StreamBlobJob</name>
    <message>
        <source>%1: the %2 bytes received do not match its digest (cut short, or not what was asked for).</source>
        <translation>%1：收到的 %2 字节与其摘要不匹配（传输被截断，或不是所请求的内容）。</translation>
    </message>
    <message>
        <source>%1: the connection ended after %2 of %3 bytes.</source>
        <translation>%1：连接在 %3 字节中的 %2 字节后中断。</translation>
    </message>
</context>
<context>
    <name>berth::client::TokenFetch</name>
    <message>
        <source>The token server %1 is plain HTTP; Berth will not send your password to it.</source>
        <translation>令牌服务器 %1 使用明文 HTTP；Berth 不会将您的密码发送给它。</translation>
    </message>
    <message>
        <source>Could not reach the token server %1: %2</source>
        <translation>无法连接令牌服务器 %1：%2</translation>
    </message>
    <message>
        <source>%1 — the token server refused the identity token; it may have expired. Log in again (docker login) and import the login, or enter a new token.</source>
        <translation>%1 — 令牌服务器拒绝了身份令牌，该令牌可能已过期。请重新登录（docker login）并导入该登录，或输入新的令牌。</translation>
    </message>
    <message>
        <source>%1 — the token server does not take identity tokens (%2); log in with a username and password instead.</source>
        <translation>%1 — 令牌服务器不接受身份令牌（%2）；请改用用户名和密码登录。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>401 — wrong username or password.</source>
        <translation>401 — 用户名或密码错误。</translation>
    </message>
    <message>
        <source>401 — this registry needs a login.</source>
        <translation>401 — 此镜像仓库需要登录。</translation>
    </message>
    <message>
        <source>403 — the token server refused access for this login.</source>
        <translation>403 — 令牌服务器拒绝了此登录的访问。</translation>
    </message>
    <message>
        <source>The token server answered HTTP %1.</source>
        <translation>令牌服务器返回了 HTTP %1。</translation>
    </message>
    <message>
        <source>The token server sent something that is not a token response.</source>
        <translation>令牌服务器返回的内容不是令牌响应。</translation>
    </message>
    <message>
        <source>The token server&apos;s answer holds no usable token.</source>
        <translation>令牌服务器的响应中没有可用的令牌。</translation>
    </message>
</context>
<context>
    <name>berth::client::TransferBlobJob</name>
    <message>
        <source>Blob %1 into %2</source>
        <translation>传输到 %2 的 blob %1</translation>
    </message>
    <message>
        <source>The source registry</source>
        <translation>源镜像仓库</translation>
    </message>
    <message>
        <source>Blob %1 of %2</source>
        <translation>%2 的 blob %1</translation>
    </message>
    <message>
        <source>%1: the source does not send the %2 bytes its manifest says.</source>
        <translation>%1：源端发送的字节数不是其清单所写的 %2 字节。</translation>
    </message>
    <message>
        <source>%1: the bytes the source sent do not match its digest; nothing was stored.</source>
        <translation>%1：源端发送的字节与其摘要不符；未存储任何内容。</translation>
    </message>
    <message>
        <source>%1: the source&apos;s redirects were refused.</source>
        <translation>%1：已拒绝源端的重定向。</translation>
    </message>
    <message>
        <source>%1: the connection failed after %2 of %3 bytes (%4).</source>
        <translation>%1：连接在传输 %2 / %3 字节后失败（%4）。</translation>
    </message>
</context>
<context>
    <name>berth::client::UploadBlobJob</name>
    <message>
        <source>Blob %1 into %2</source>
        <translation>上传到 %2 的 blob %1</translation>
    </message>
</context>
<context>
    <name>berth::credentials::DockerConfigImporter</name>
    <message>
        <source>config.json is larger than 4 MiB; not read.</source>
        <translation>config.json 大于 4 MiB；未读取。</translation>
    </message>
    <message>
        <source>config.json is not valid JSON (%1).</source>
        <translation>config.json 不是有效的 JSON（%1）。</translation>
    </message>
    <message>
        <source>the stored login is not valid base64 &apos;user:password&apos;</source>
        <translation>存储的登录信息不是有效的 base64 编码的 &apos;user:password&apos;</translation>
    </message>
    <message>
        <source>invalid credential helper name</source>
        <translation>凭据助手名称无效</translation>
    </message>
    <message>
        <source>No docker config at %1.</source>
        <translation>%1 处没有 docker 配置。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 is not installed</source>
        <translation>%1 未安装</translation>
    </message>
    <message>
        <source>%1 could not start</source>
        <translation>%1 无法启动</translation>
    </message>
</context>
<context>
    <name>berth::credentials::ProfileStore</name>
    <message>
        <source>Local registry</source>
        <translation>本地镜像仓库</translation>
    </message>
</context>
<context>
    <name>berth::credentials::SecretStore</name>
    <message>
        <source>No password is stored for this registry.</source>
        <translation>此镜像仓库没有已存储的密码。</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Berth can keep the password for this session only.</source>
        <translation>没有可用的密钥环（%1）。Berth 只能在本次会话中保留密码。</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>密钥环拒绝访问：%1</translation>
    </message>
    <message>
        <source>Keychain error: %1</source>
        <translation>密钥环错误：%1</translation>
    </message>
</context>
<context>
    <name>berth::inspect::ImageFilesJob</name>
    <message>
        <source>%1:%2 %3</source>
        <translation>%1:%2 %3</translation>
    </message>
    <message>
        <source>is an index inside an index; choose one of its images by digest.</source>
        <translation>是索引中的索引；请按摘要选择其中一个镜像。</translation>
    </message>
    <message>
        <source>has no %1 image (it has %2).</source>
        <translation>没有 %1 镜像（它有 %2）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>is an index of no platform image.</source>
        <translation>是一个不含任何平台镜像的索引。</translation>
    </message>
    <message>
        <source>is a schema 1 image; Berth reads the files of schema 2 and OCI images.</source>
        <translation>是 schema 1 镜像；Berth 只读取 schema 2 和 OCI 镜像的文件。</translation>
    </message>
    <message>
        <source>has a foreign layer (%1), fetched from its own URL, not from the registry; Berth does not fetch it.</source>
        <translation>有一个外部层（%1），需从其自身的 URL 而非镜像仓库获取；Berth 不获取它。</translation>
    </message>
    <message>
        <source>is no container image: its layer %1 is %2, not a filesystem.</source>
        <translation>不是容器镜像：其层 %1 是 %2，而不是文件系统。</translation>
    </message>
    <message>
        <source>Layer %1 of %2: %3</source>
        <translation>第 %1 层（共 %2 层）：%3</translation>
    </message>
</context>
<context>
    <name>berth::inspect::SaveFolderJob</name>
    <message>
        <source>/%1 is no folder of this image.</source>
        <translation>/%1 不是此镜像中的文件夹。</translation>
    </message>
</context>
<context>
    <name>berth::local::DirectoryServer</name>
    <message>
        <source>serves it</source>
        <translation>正在为其提供服务</translation>
    </message>
    <message>
        <source>has files open in it</source>
        <translation>在其中打开了文件</translation>
    </message>
</context>
<context>
    <name>berth::local::LocalMirrorSettings</name>
    <message>
        <source>“%1” is not an upstream address: write https://host[:port] (or http:// for a registry without TLS), nothing after it.</source>
        <translation>“%1”不是上游地址：请写成 https://host[:port]（没有 TLS 的镜像仓库写 http://），其后不要有其他内容。</translation>
    </message>
    <message>
        <source>%1 is given twice: one upstream per host.</source>
        <translation>%1 出现了两次：每个主机只能有一个上游。</translation>
    </message>
    <message>
        <source>Only one upstream can take every other repository (an empty prefix).</source>
        <translation>只能有一个上游接管其他所有仓库（空前缀）。</translation>
    </message>
    <message>
        <source>“%1” is not a repository prefix (lower-case letters, digits, . _ - and /).</source>
        <translation>“%1”不是仓库前缀（只能包含小写字母、数字、. _ - 和 /）。</translation>
    </message>
    <message>
        <source>The prefix “%1” is given twice.</source>
        <translation>前缀“%1”出现了两次。</translation>
    </message>
    <message>
        <source>The user name for %1 cannot contain “:” or control characters.</source>
        <translation>%1 的用户名不能包含“:”或控制字符。</translation>
    </message>
    <message>
        <source>Tags are checked again after 0 to 8760 hours.</source>
        <translation>标签的重新检查间隔须在 0 到 8760 小时之间。</translation>
    </message>
    <message>
        <source>“%1” is not a repository prefix.</source>
        <translation>“%1”不是仓库前缀。</translation>
    </message>
    <message>
        <source>“%1” is both an upstream&apos;s prefix and local.</source>
        <translation>“%1”既是某个上游的前缀，又被设为本地。</translation>
    </message>
    <message>
        <source>Local prefixes only matter with an upstream for every other repository: without one, every repository no upstream claims is local already.</source>
        <translation>只有在某个上游接管其他所有仓库时，本地前缀才有意义：没有这样的上游时，未被任何上游匹配的仓库本来就是本地的。</translation>
    </message>
    <message>
        <source>distribution mirrors one upstream, with no prefixes, local repositories or cache size: choose berth-registry for those.</source>
        <translation>distribution 只能代理缓存一个上游，不支持前缀、本地仓库或缓存大小：需要这些功能请选择 berth-registry。</translation>
    </message>
</context>
<context>
    <name>berth::local::LocalRegistry</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting on %1…</source>
        <translation>正在 %1 上启动…</translation>
    </message>
    <message>
        <source>Running on %1 (pid %2)</source>
        <translation>正在 %1 上运行（进程号 %2）</translation>
    </message>
    <message>
        <source>Stopping (finishing requests in flight)…</source>
        <translation>正在停止（等待处理中的请求完成）…</translation>
    </message>
    <message>
        <source>The registry started earlier (pid %1) is still running: stop it first.</source>
        <translation>之前启动的镜像仓库（进程号 %1）仍在运行：请先停止它。</translation>
    </message>
    <message>
        <source>berth-registry was not found next to Berth or on PATH.</source>
        <translation>在 Berth 所在目录和 PATH 中均未找到 berth-registry。</translation>
    </message>
    <message>
        <source>distribution (docker-registry or registry) is not installed.</source>
        <translation>未安装 distribution（docker-registry 或 registry）。</translation>
    </message>
    <message>
        <source>Cannot use the data directory “%1”.</source>
        <translation>无法使用数据目录“%1”。</translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program (another registry?), so Berth&apos;s local registry did not start. Port %2 is free.</source>
        <translation>端口 %1 已被其他程序占用（另一个镜像仓库？），因此 Berth 的本地镜像仓库未启动。端口 %2 可用。</translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program (another registry?), so Berth&apos;s local registry did not start.</source>
        <translation>端口 %1 已被其他程序占用（另一个镜像仓库？），因此 Berth 的本地镜像仓库未启动。</translation>
    </message>
    <message>
        <source>Mirror: %1</source>
        <translation>代理缓存：%1</translation>
    </message>
    <message>
        <source>Logins are required but there are no users yet: add one first.</source>
        <translation>要求登录，但还没有任何用户：请先添加一个。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>无法运行 %1：%2</translation>
    </message>
    <message>
        <source>The registry stopped while starting. Its last words: %1</source>
        <translation>镜像仓库在启动过程中停止。最后的输出：%1</translation>
    </message>
    <message>
        <source>The registry did not start listening on %1:%2 within %3 s, so it was stopped. Its last words: %4</source>
        <translation>镜像仓库未能在 %3 秒内开始监听 %1:%2，因此已将其停止。最后的输出：%4</translation>
    </message>
    <message>
        <source>The registry stopped unexpectedly. Its last words: %1</source>
        <translation>镜像仓库意外停止。最后的输出：%1</translation>
    </message>
    <message>
        <source>The registry (pid %1) did not end even after SIGKILL; it may be stuck on its data directory&apos;s file system.</source>
        <translation>镜像仓库（进程号 %1）在 SIGKILL 之后仍未结束；它可能卡在其数据目录所在的文件系统上。</translation>
    </message>
    <message>
        <source>[… %1 KiB of log passed over …]</source>
        <translation>[… 略过 %1 KiB 日志 …]</translation>
    </message>
</context>
<context>
    <name>berth::local::MirrorSnippets</name>
    <message>
        <source># Docker pulls Docker Hub images through it (its registry-mirrors serve
# Docker Hub only): /etc/docker/daemon.json, then restart dockerd
</source>
        <translation># Docker 通过它拉取 Docker Hub 镜像（其 registry-mirrors 仅用于
# Docker Hub）：/etc/docker/daemon.json，然后重启 dockerd
</translation>
    </message>
    <message>
        <source># podman, buildah, skopeo: /etc/containers/registries.conf
</source>
        <translation># podman、buildah、skopeo：/etc/containers/registries.conf
</translation>
    </message>
    <message>
        <source># containerd: /etc/containerd/certs.d/%1/hosts.toml (containerd names the
# upstream in each request, ?ns=%1, so the mirror needs no path here)
</source>
        <translation># containerd：/etc/containerd/certs.d/%1/hosts.toml（containerd 在每个请求中
# 指明上游 ?ns=%1，因此这里的代理缓存地址无需路径）
</translation>
    </message>
</context>
<context>
    <name>berth::local::ShellCommandJob</name>
    <message>
        <source>/bin/sh could not be started: %1</source>
        <translation>无法启动 /bin/sh：%1</translation>
    </message>
</context>
<context>
    <name>berth::transfer::CopyQueue</name>
    <message>
        <source>The source registry</source>
        <translation>源镜像仓库</translation>
    </message>
    <message>
        <source>Stopped before anything was copied.</source>
        <translation>在复制任何内容之前已停止。</translation>
    </message>
</context>
<context>
    <name>berth::transfer::ExportJob</name>
    <message>
        <source>Exporting to %1 failed: %2; nothing was exported.</source>
        <translation>导出到 %1 失败：%2；未导出任何内容。</translation>
    </message>
    <message>
        <source>Nothing to export, or nowhere to.</source>
        <translation>没有要导出的内容，或没有导出位置。</translation>
    </message>
    <message>
        <source>%1:%2 is a %3 image, no %4 one.</source>
        <translation>%1:%2 是 %3 镜像，不是 %4 镜像。</translation>
    </message>
    <message>
        <source>single-platform</source>
        <translation>单平台</translation>
    </message>
    <message>
        <source>%1:%2 is a Docker schema 1 image, which has no sizes to export and which registries no longer take; pull and push it with docker to convert it.</source>
        <translation>%1:%2 是 Docker schema 1 镜像，没有可导出的大小信息，镜像仓库也已不再接受；请用 docker 拉取再推送以转换它。</translation>
    </message>
    <message>
        <source>%1:%2 is no image a docker-archive can hold (a schema 1 image, or one with a foreign layer fetched from its own URL).</source>
        <translation>%1:%2 不是 docker-archive 能容纳的镜像（它是 schema 1 镜像，或含有需从其自身 URL 获取的外部层）。</translation>
    </message>
    <message>
        <source>%1:%2 is a multi-platform image: only %3 was exported</source>
        <translation>%1:%2 是多平台镜像：只导出了 %3</translation>
    </message>
    <message>
        <source>%1:%2 has no %3 image (it has %4); a docker-archive holds one platform.</source>
        <translation>%1:%2 没有 %3 镜像（它有 %4）；docker-archive 只能容纳一个平台。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>berth::transfer::ImportJob</name>
    <message>
        <source>%1; nothing was tagged.</source>
        <translation>%1；未打任何标签。</translation>
    </message>
    <message>
        <source>“%1” is not a valid tag.</source>
        <translation>“%1”不是有效的标签。</translation>
    </message>
    <message>
        <source>%1:%2 already points at another image (%3, not %4); nothing was imported.</source>
        <translation>%1:%2 已指向另一个镜像（%3，而非 %4）；未导入任何内容。</translation>
    </message>
    <message>
        <source>Blob %1 in %2</source>
        <translation>%2 中的 blob %1</translation>
    </message>
</context>
<context>
    <name>berth::ui::BulkDeleteDialog</name>
    <message>
        <source>Delete tags</source>
        <translation>删除标签</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n tag(s)&lt;/b&gt; of &lt;b&gt;%1/%2&lt;/b&gt; go: </source>
        <translation>
            <numerusform>&lt;b&gt;%1/%2&lt;/b&gt; 中的 &lt;b&gt;%n 个标签&lt;/b&gt;将被删除：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) deleted with all their tags (%1 unless other repositories share layers), </source>
        <translation>
            <numerusform>%n 个镜像连同其所有标签一起删除（释放 %1，除非其他仓库共享这些层），</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) removed while their image stays for other tags. </source>
        <translation>
            <numerusform>%n 个标签被移除，其镜像因仍有其他标签而保留。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) stay.</source>
        <translation>
            <numerusform>%n 个标签保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the repository name &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>输入仓库名称 &lt;b&gt;%1&lt;/b&gt; 以确认：</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n tag(s)</source>
        <translation>
            <numerusform>删除 %n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Collect garbage…</source>
        <translation>垃圾回收…</translation>
    </message>
    <message>
        <source>Checking every tag again, then deleting…</source>
        <translation>正在重新检查每个标签，然后删除…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled. Deletions already made stay made; the list below is the plan, reload the tags to see what is left.</source>
        <translation>已取消。已完成的删除不会撤销；下面的列表是计划，请重新加载标签查看剩余内容。</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 deleted, %2 skipped, %3 failed. Deleting only unlinks: the space comes back when the registry collects garbage.</source>
        <translation>%1 个已删除，%2 个已跳过，%3 个失败。删除只是取消链接：镜像仓库执行垃圾回收后才会释放空间。</translation>
    </message>
    <message>
        <source>Log in and delete again…</source>
        <translation>登录并重新删除…</translation>
    </message>
    <message>
        <source>Stopped: %1 Deletions made before it stay made; the list below is the plan, reload the tags to see what is left.</source>
        <translation>已停止：%1 此前已完成的删除保持不变；下面的列表是计划，请重新加载标签查看剩余内容。</translation>
    </message>
</context>
<context>
    <name>berth::ui::CleanupController</name>
    <message>
        <source>Select a tag whose details have loaded first.</source>
        <translation>请先选择一个详细信息已加载的标签。</translation>
    </message>
    <message>
        <source>Still loading tags; try again when the list is complete.</source>
        <translation>仍在加载标签；请在列表加载完成后重试。</translation>
    </message>
    <message>
        <source>Still loading the details of the tags; try again when they are loaded.</source>
        <translation>仍在加载标签的详细信息；请在加载完成后重试。</translation>
    </message>
    <message>
        <source>Open a repository first.</source>
        <translation>请先打开一个仓库。</translation>
    </message>
    <message>
        <source>The details of tag %1 did not load (%2), so what a delete would take with it is unknown. Refresh and try again.</source>
        <translation>标签 %1 的详细信息未能加载（%2），因此无法确定删除会连带删除哪些内容。请刷新后重试。</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>镜像 %1</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Deleting %1 from %2…</source>
        <translation>正在从 %2 删除 %1…</translation>
    </message>
    <message>
        <source>Deleted %1 from %2. The registry frees the space at its next garbage collection: &lt;a href=&quot;gc&quot;&gt;collect garbage now…&lt;/a&gt;</source>
        <translation>已从 %2 删除 %1。镜像仓库会在下次垃圾回收时释放空间：&lt;a href=&quot;gc&quot;&gt;立即垃圾回收…&lt;/a&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%1 still has %n tag(s): delete them first (select them, or Tag → Retention…).</source>
        <translation>
            <numerusform>%1 仍有 %n 个标签：请先删除它们（选中它们，或使用 标签 → 保留策略…）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The registry API has no call to remove a repository. If this registry&apos;s data is on this machine, give its data directory in Registry → Edit; on the server, berth-registry rm-repo ROOT %1 does it.</source>
        <translation>镜像仓库 API 没有移除仓库的调用。如果此镜像仓库的数据在本机上，请在 镜像仓库 → 编辑 中指定其数据目录；在服务器上，可执行 berth-registry rm-repo ROOT %1。</translation>
    </message>
    <message>
        <source>Remove empty repository</source>
        <translation>移除空仓库</translation>
    </message>
    <message>
        <source>Remove the empty repository %1 from %2? It has no tags; its folder (untagged manifests, layer links) goes. Blobs stay until the next garbage collection.</source>
        <translation>要从 %2 移除空仓库 %1 吗？它没有标签；其文件夹（无标签的清单、层链接）将被移除。blob 会保留到下次垃圾回收。</translation>
    </message>
    <message>
        <source>Berth removes the folder in %1 itself. If distribution (registry:2) serves this directory, stop it first or make sure nothing pushes to %2 meanwhile.</source>
        <translation>Berth 会自行移除 %1 中的文件夹。如果 distribution（registry:2）正在使用此目录提供服务，请先停止它，或确保在此期间没有向 %2 推送。</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>未移除 %1：%2</translation>
    </message>
    <message>
        <source>Removed the empty repository %1.</source>
        <translation>已移除空仓库 %1。</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>正在移除 %1…</translation>
    </message>
</context>
<context>
    <name>berth::ui::CompareDialog</name>
    <message>
        <source>Compare %1 with %2</source>
        <translation>比较 %1 与 %2</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Platform of %1:</source>
        <translation>%1 的平台：</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Filter by path</source>
        <translation>按路径筛选</translation>
    </message>
    <message>
        <source>Double-click a file to see what changed in it.</source>
        <translation>双击文件查看其中的更改。</translation>
    </message>
    <message>
        <source>Settings that differ:</source>
        <translation>不同的设置：</translation>
    </message>
    <message>
        <source>Reading both images&apos; layers…</source>
        <translation>正在读取两个镜像的层…</translation>
    </message>
    <message>
        <source>%1: the registry is no longer open.</source>
        <translation>%1：该镜像仓库已不再打开。</translation>
    </message>
    <message>
        <source>Reading both images&apos; layers: %1 of %2…</source>
        <translation>正在读取两个镜像的层：%1/%2…</translation>
    </message>
    <message>
        <source>Stopped. Layers read so far are kept for next time.</source>
        <translation>已停止。已读取的层会保留供下次使用。</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>Cannot compare: %1: %2</source>
        <translation>无法比较：%1：%2</translation>
    </message>
    <message>
        <source>%1 — in %2, not in %3</source>
        <translation>%1 — 在 %2 中，不在 %3 中</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Both are the same image.</source>
        <translation>两者是同一个镜像。</translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) differ: </source>
        <translation>
            <numerusform>%n 个路径不同：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of files only in %2, %3 only in %4.</source>
        <translation>仅在 %2 中的文件共 %1，仅在 %4 中的共 %3。</translation>
    </message>
    <message>
        <source>No setting differs.</source>
        <translation>没有不同的设置。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Layers: %1 shared, %2 only in %3, %4 only in %5.</source>
        <translation>层：%1 个共享，%2 个仅在 %3 中，%4 个仅在 %5 中。</translation>
    </message>
</context>
<context>
    <name>berth::ui::CompareWithDialog</name>
    <message>
        <source>Compare %1 with…</source>
        <translation>将 %1 与…比较</translation>
    </message>
    <message>
        <source>a tag, or a digest (sha256:…)</source>
        <translation>标签或摘要（sha256:…）</translation>
    </message>
    <message>
        <source>&amp;Registry:</source>
        <translation>镜像仓库(&amp;R)：</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation>仓库(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Tag or digest:</source>
        <translation>标签或摘要(&amp;T)：</translation>
    </message>
    <message>
        <source>The two images are read through the layer cache; nothing is pulled or written to either registry.</source>
        <translation>两个镜像通过层缓存读取；不会从任一镜像仓库拉取，也不会向其写入任何内容。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
</context>
<context>
    <name>berth::ui::CopyDialog</name>
    <message>
        <source>%1 (this one)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>%1 (the same tag)</source>
        <translation>%1（相同标签）</translation>
    </message>
    <message>
        <source>To registry:</source>
        <translation>目标镜像仓库：</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy or promote from %1</source>
        <translation>从 %1 复制或提升</translation>
    </message>
    <message numerus="yes">
        <source>The selected tag(s): %1</source>
        <translation>
            <numerusform>所选的 %n 个标签：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Every tag of the repository</source>
        <translation>仓库中的所有标签</translation>
    </message>
    <message>
        <source>Every tag matching the filter “%1”</source>
        <translation>所有与筛选“%1”匹配的标签</translation>
    </message>
    <message>
        <source>With their signatures, SBOMs and attestations</source>
        <translation>连同其签名、SBOM 和证明</translation>
    </message>
    <message>
        <source>Move tags that point at other images there</source>
        <translation>移动目标处指向其他镜像的标签</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>复制：</translation>
    </message>
    <message>
        <source>the same tags</source>
        <translation>相同的标签</translation>
    </message>
    <message>
        <source>Name the repository to copy into.</source>
        <translation>请填写要复制到的仓库。</translation>
    </message>
    <message>
        <source>Leaving platforms out copies a new index with a digest of its own; one platform copies that platform&apos;s image.</source>
        <translation>排除部分平台会复制一个拥有新摘要的新索引；只选一个平台则复制该平台的镜像本身。</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>The tags are there already: choose another repository, another registry, or a new tag name.</source>
        <translation>这些标签已在该处：请选择其他仓库、其他镜像仓库或新的标签名。</translation>
    </message>
    <message>
        <source>Pick at least one platform.</source>
        <translation>请至少选择一个平台。</translation>
    </message>
    <message>
        <source>Copies images of &lt;b&gt;%1&lt;/b&gt; as they are: the same digests, every platform unless you pick some. Within one registry the layers are linked and none move; to another one they stream through this computer and nothing is stored here. A new tag in the same repository promotes the image. The copy runs in the Transfers list.</source>
        <translation>按原样复制 &lt;b&gt;%1&lt;/b&gt; 的镜像：摘要相同，除非选择部分平台，否则包含所有平台。在同一镜像仓库内只链接层，不移动数据；复制到其他镜像仓库时数据流经本机，但不会在本机保存。在同一仓库中使用新标签即为提升该镜像。复制在“传输”列表中进行。</translation>
    </message>
</context>
<context>
    <name>berth::ui::DeleteTagDialog</name>
    <message>
        <source>Delete %1:%2</source>
        <translation>删除 %1:%2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1/%2:%3&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1/%2:%3&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;Digest&lt;/td&gt;&lt;td&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Size&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Created&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;摘要&lt;/td&gt;&lt;td&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;大小&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;创建时间&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No other tag points at this image. Removing the tag leaves the image reachable only by digest; deleting the image removes it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有其他标签指向此镜像。移除该标签后，此镜像只能通过摘要访问；删除镜像则会将其移除。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This image is part of the multi-arch image &lt;b&gt;%1&lt;/b&gt;: deleting it would break that image, so only the tag can be removed here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;此镜像是多架构镜像 &lt;b&gt;%1&lt;/b&gt; 的一部分：删除它会破坏该镜像，因此这里只能移除标签。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The tag is checked again just before anything is deleted; if it moved, nothing is deleted. Space is freed only after the registry&apos;s garbage collection.&lt;/p&gt;</source>
        <translation>&lt;p&gt;删除前会再次检查该标签；如果它已改变指向，则不删除任何内容。只有在镜像仓库执行垃圾回收后才会释放空间。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Remove this tag only</source>
        <translation>仅移除此标签</translation>
    </message>
    <message>
        <source>Delete the image</source>
        <translation>删除镜像</translation>
    </message>
    <message numerus="yes">
        <source>Delete the image and all %n tag(s)</source>
        <translation>
            <numerusform>删除镜像及全部 %n 个标签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%n other tag(s) point at the same image and stay if you remove only this one: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;另有 %n 个标签指向同一镜像，只移除此标签时它们会保留：&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::DockerImportDialog</name>
    <message>
        <source>Import logins from Docker</source>
        <translation>从 Docker 导入登录信息</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Import selected</source>
        <translation>导入所选项</translation>
    </message>
    <message>
        <source>No logins found.</source>
        <translation>未找到登录信息。</translation>
    </message>
    <message>
        <source>Tick the logins to import. Secrets go to the system keychain.</source>
        <translation>勾选要导入的登录信息。密钥将保存到系统密钥环。</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>berth::ui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export %1:%2</source>
        <translation>导出 %1:%2</translation>
    </message>
    <message numerus="yes">
        <source>Export %n tag(s) of %1</source>
        <translation>
            <numerusform>导出 %1 的 %n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>OCI archive (.tar): every platform, signatures and SBOMs</source>
        <translation>OCI 归档（.tar）：所有平台，含签名和 SBOM</translation>
    </message>
    <message>
        <source>Docker archive (.tar): for docker load, one platform</source>
        <translation>Docker 归档（.tar）：用于 docker load，单个平台</translation>
    </message>
    <message>
        <source>OCI layout (a folder)</source>
        <translation>OCI 布局（文件夹）</translation>
    </message>
    <message>
        <source>Where to write it</source>
        <translation>写入位置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>%1 (this computer&apos;s)</source>
        <translation>%1（本机平台）</translation>
    </message>
    <message>
        <source>With its signatures, SBOMs and attestations</source>
        <translation>包含其签名、SBOM 和证明</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Writes &lt;b&gt;%1&lt;/b&gt; of %2 into a file to carry where no network reaches, each layer checked against its digest. The file appears only once it is whole.</source>
        <translation>将 %2 上的 &lt;b&gt;%1&lt;/b&gt; 写入一个文件，以便带到没有网络的地方，每一层都会按其摘要校验。文件只有在完整写入后才会出现。</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export into a folder in…</source>
        <translation>选择导出文件夹的所在位置…</translation>
    </message>
    <message>
        <source>Image archives (*.tar)</source>
        <translation>镜像归档 (*.tar)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>Replace it with this export?</source>
        <translation>要用此次导出替换它吗？</translation>
    </message>
    <message>
        <source>The registry was disconnected: open it again first.</source>
        <translation>与镜像仓库的连接已断开：请先重新打开它。</translation>
    </message>
    <message>
        <source>Choose where to write the export first.</source>
        <translation>请先选择导出的写入位置。</translation>
    </message>
    <message>
        <source>“%1” is no platform: write it as os/arch or os/arch/variant, like linux/arm64/v8.</source>
        <translation>“%1”不是平台：请写成 os/arch 或 os/arch/variant 的形式，如 linux/arm64/v8。</translation>
    </message>
    <message>
        <source>Reading the images…</source>
        <translation>正在读取镜像…</translation>
    </message>
    <message>
        <source>%1 of %2 · layers and configurations: %3 of %4</source>
        <translation>%1 / %2 · 层和配置：%3 / %4</translation>
    </message>
    <message>
        <source>Stopped; the folder&apos;s index was left as it was (layers already written stay in it).</source>
        <translation>已停止；文件夹的索引保持原样（已写入的层仍保留在其中）。</translation>
    </message>
    <message>
        <source>Stopped; nothing was written.</source>
        <translation>已停止；未写入任何内容。</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 已存在。</translation>
    </message>
    <message>
        <source>Exported to %1: %2 written (%3 layers and configurations)%4%5.</source>
        <translation>已导出到 %1：写入 %2（%3 个层和配置）%4%5。</translation>
    </message>
    <message>
        <source>, %1 in the folder already</source>
        <translation>，另有 %1 个已在文件夹中</translation>
    </message>
    <message numerus="yes">
        <source>; with %n signature(s), SBOM(s) or attestation(s)</source>
        <translation>
            <numerusform>；含 %n 个签名、SBOM 或证明</numerusform>
        </translation>
    </message>
    <message>
        <source>Export stopped; nothing was written.</source>
        <translation>导出已停止；未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>berth::ui::FileDiffModel</name>
    <message>
        <source>type %1 → %2</source>
        <translation>类型 %1 → %2</translation>
    </message>
    <message>
        <source>contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>link %1 → %2</source>
        <translation>链接 %1 → %2</translation>
    </message>
    <message>
        <source>mode %1 → %2</source>
        <translation>模式 %1 → %2</translation>
    </message>
    <message>
        <source>owner %1:%2 → %3:%4</source>
        <translation>属主 %1:%2 → %3:%4</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Size before</source>
        <translation>变更前大小</translation>
    </message>
    <message>
        <source>Size after</source>
        <translation>变更后大小</translation>
    </message>
</context>
<context>
    <name>berth::ui::FileTreeModel</name>
    <message>
        <source>same file as /%1</source>
        <translation>与 /%1 为同一文件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>属主</translation>
    </message>
    <message>
        <source>Points to</source>
        <translation>链接目标</translation>
    </message>
</context>
<context>
    <name>berth::ui::FileViewDialog</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Reading the layer that holds %1…</source>
        <translation>正在读取包含 %1 的层…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>%1 is larger than %2: Berth does not open it.</source>
        <translation>%1 大于 %2：Berth 不会打开它。</translation>
    </message>
    <message>
        <source>%1, text.</source>
        <translation>%1，文本。</translation>
    </message>
    <message>
        <source>%1, binary: the first %2 shown.</source>
        <translation>%1，二进制：仅显示前 %2。</translation>
    </message>
    <message>
        <source>%1, binary.</source>
        <translation>%1，二进制。</translation>
    </message>
    <message>
        <source>Save %1 as</source>
        <translation>将 %1 另存为</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>已另存为 %1。</translation>
    </message>
</context>
<context>
    <name>berth::ui::FilesView</name>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Select a tag to see its files.</source>
        <translation>选择一个标签以查看其文件。</translation>
    </message>
    <message>
        <source>This tag has no image whose files could be shown.</source>
        <translation>此标签下没有可显示文件的镜像。</translation>
    </message>
    <message>
        <source>The files are read from the registry when this tab is open.</source>
        <translation>打开此选项卡时，会从镜像仓库读取文件。</translation>
    </message>
    <message>
        <source>Reading the layers…</source>
        <translation>正在读取层…</translation>
    </message>
    <message>
        <source>Save folder as…</source>
        <translation>将文件夹另存为…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save /%1 as a new folder</source>
        <translation>将 /%1 另存为新文件夹</translation>
    </message>
    <message>
        <source>Saving /%1 into %2…</source>
        <translation>正在将 /%1 保存到 %2…</translation>
    </message>
    <message>
        <source>Stopped; nothing was saved.</source>
        <translation>已停止；未保存任何内容。</translation>
    </message>
    <message>
        <source>Saved /%1 into %2: %3 of files.</source>
        <translation>已将 /%1 保存到 %2：文件共 %3。</translation>
    </message>
    <message numerus="yes">
        <source>Reading the layers: %1 of %2 (%3 of %n layer(s) done)…</source>
        <translation>
            <numerusform>正在读取层：%1 / %2（已完成 %3 / %n 个层）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. Layers read so far are kept for next time.</source>
        <translation>已停止。已读取的层会保留，供下次使用。</translation>
    </message>
    <message>
        <source>/%1 points to %2, which is not in this image.</source>
        <translation>/%1 指向 %2，但它不在此镜像中。</translation>
    </message>
    <message>
        <source>%1 in %2; %3 of files, as a container sees them.</source>
        <translation>%2中共 %1；容器所见的文件共 %3。</translation>
    </message>
    <message>
        <source>/%1 (%2)</source>
        <translation>/%1（%2）</translation>
    </message>
    <message>
        <source>Shown: what layer %1 wrote that a container still sees (sizes: this layer&apos;s files).</source>
        <translation>显示：第 %1 层写入且容器仍能看到的内容（大小：此层中的文件）。</translation>
    </message>
    <message>
        <source>It deleted %1%2.</source>
        <translation>它删除了 %1%2。</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> 及另外 %1 项</translation>
    </message>
    <message>
        <source>Every layer</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Layer %1 (%2): %3 added, %4 changed, %5 removed</source>
        <translation>第 %1 层（%2）：添加 %3，更改 %4，移除 %5</translation>
    </message>
    <message>
        <source>%1 of the layers&apos; %2 of files are seen by no container (efficiency %3).</source>
        <translation>各层文件共 %2，其中 %1 被上层覆盖、容器内不可见（空间利用率 %3）。</translation>
    </message>
    <message>
        <source>Largest: /%1, %2, deleted by a later layer.</source>
        <translation>最大的一项：/%1，%2，被之后的层删除。</translation>
    </message>
    <message>
        <source>Largest: /%1, %2 in versions a later layer overwrote.</source>
        <translation>最大的一项：/%1，被之后的层覆盖的旧版本共 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) left out (devices, links to outside the folder).</source>
        <translation>
            <numerusform>%n 个条目未保存（设备文件、指向文件夹之外的链接）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n 层</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The contents of %n file(s) are stored at more than one path (%1 in the extra copies).</source>
        <translation>
            <numerusform>%n 个文件的内容存放在多个路径下（多余副本共 %1）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::GarbageCollectionDialog</name>
    <message numerus="yes">
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n 个 blob</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n 个清单</numerusform>
        </translation>
    </message>
    <message>
        <source>Garbage collection — %1</source>
        <translation>垃圾回收 — %1</translation>
    </message>
    <message>
        <source>Also delete manifests no tag points at</source>
        <translation>同时删除没有标签指向的清单</translation>
    </message>
    <message>
        <source>Like --delete-untagged, except that the platforms of tagged multi-arch images and the signatures of kept images stay.</source>
        <translation>类似 --delete-untagged，但有标签的多架构镜像的各平台，以及保留镜像的签名，都会保留。</translation>
    </message>
    <message>
        <source>Preview (dry run)</source>
        <translation>预览（试运行）</translation>
    </message>
    <message>
        <source>Collect…</source>
        <translation>回收…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>How does Berth reach this registry&apos;s storage?</source>
        <translation>Berth 如何访问此镜像仓库的存储？</translation>
    </message>
    <message>
        <source>its registry:2 data directory, if on this machine</source>
        <translation>它的 registry:2 数据目录（如果在本机上）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Registry data directory</source>
        <translation>镜像仓库数据目录</translation>
    </message>
    <message>
        <source>or a command: docker exec registry registry garbage-collect /etc/docker/registry/config.yml</source>
        <translation>或一条命令：docker exec registry registry garbage-collect /etc/docker/registry/config.yml</translation>
    </message>
    <message>
        <source>optional: the same with --dry-run</source>
        <translation>可选：加上 --dry-run 的同一条命令</translation>
    </message>
    <message>
        <source>Use for this registry</source>
        <translation>用于此镜像仓库</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Dry-run command</source>
        <translation>预览命令</translation>
    </message>
    <message>
        <source>Blob</source>
        <translation>Blob</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>Blob</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Berth does not know yet how to collect garbage on %1. Give it the registry&apos;s data directory, if it is on this machine, or the command that collects on its server.</source>
        <translation>Berth 还不知道如何对 %1 进行垃圾回收。如果该镜像仓库在本机上，请提供它的数据目录；否则请提供在其服务器上执行回收的命令。</translation>
    </message>
    <message>
        <source>Berth collects in the data directory &lt;tt&gt;%1&lt;/tt&gt; itself, as &lt;tt&gt;registry garbage-collect&lt;/tt&gt; does. Nothing may push to it meanwhile: stop the registry that serves it, or make it read-only.</source>
        <translation>Berth 会像 &lt;tt&gt;registry garbage-collect&lt;/tt&gt; 一样，直接在数据目录 &lt;tt&gt;%1&lt;/tt&gt; 中执行回收。回收期间不能有任何推送：请停止为其提供服务的镜像仓库，或将其设为只读。</translation>
    </message>
    <message>
        <source>berth-registry collects while it serves: writes wait briefly, uploads in progress are safe, blobs written in the last hour are kept.</source>
        <translation>berth-registry 在提供服务的同时进行回收：写入会短暂等待，进行中的上传不受影响，最近一小时内写入的 blob 会被保留。</translation>
    </message>
    <message>
        <source>Berth runs this registry&apos;s command with /bin/sh:&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;%2</source>
        <translation>Berth 使用 /bin/sh 运行此镜像仓库的命令：&lt;br&gt;&lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>No dry-run command is set: add one in Registry → Edit to preview.</source>
        <translation>未设置预览命令：请在“镜像仓库 → 编辑”中添加一条，以便预览。</translation>
    </message>
    <message>
        <source>Preview runs &lt;tt&gt;%1&lt;/tt&gt;.</source>
        <translation>预览时运行 &lt;tt&gt;%1&lt;/tt&gt;。</translation>
    </message>
    <message>
        <source>Preview first: nothing is deleted until you press Collect and confirm.</source>
        <translation>请先预览：在你点击“回收”并确认之前，不会删除任何内容。</translation>
    </message>
    <message>
        <source>Looking for a registry serving this directory…</source>
        <translation>正在查找为此目录提供服务的镜像仓库…</translation>
    </message>
    <message>
        <source>%1 (process %2) %3</source>
        <translation>%1（进程 %2）%3</translation>
    </message>
    <message>
        <source>a berth-registry serves it</source>
        <translation>有 berth-registry 正在为其提供服务</translation>
    </message>
    <message>
        <source>the registry at %1 answers</source>
        <translation>%1 上的镜像仓库有响应</translation>
    </message>
    <message>
        <source>&lt;b&gt;This directory looks in use:&lt;/b&gt; %1. A push while Berth collects can lose layers. Stop the registry first, or make it read-only (&lt;tt&gt;storage.maintenance.readonly.enabled: true&lt;/tt&gt;), as distribution&apos;s documentation asks.</source>
        <translation>&lt;b&gt;此目录似乎正在使用中：&lt;/b&gt;%1。在 Berth 回收期间推送可能会丢失层。请先停止该镜像仓库，或按 distribution 文档的要求将其设为只读（&lt;tt&gt;storage.maintenance.readonly.enabled: true&lt;/tt&gt;）。</translation>
    </message>
    <message>
        <source>Give a data directory or a command.</source>
        <translation>请提供数据目录或命令。</translation>
    </message>
    <message>
        <source>Run the garbage collection command? What it deletes is gone for good.</source>
        <translation>运行垃圾回收命令？被删除的内容将无法恢复。</translation>
    </message>
    <message numerus="yes">
        <source>The dry run just before named %n thing(s) eligible for deletion.</source>
        <translation>
            <numerusform>刚才的预览列出了 %n 项可删除的内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>No dry run was made first.</source>
        <translation>之前未进行预览。</translation>
    </message>
    <message>
        <source>Delete %1 and %2 from %3, reclaiming %4? What is deleted is gone for good.</source>
        <translation>从 %3 删除 %1 和 %2，释放 %4？被删除的内容将无法恢复。</translation>
    </message>
    <message>
        <source>Exactly what the preview listed is deleted.</source>
        <translation>将删除的正是预览中列出的内容。</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>回收</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>Looking for what can go…</source>
        <translation>正在查找可删除的内容…</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>正在回收…</translation>
    </message>
    <message>
        <source>Berth now collects through it, while it serves: preview again.</source>
        <translation>现在 Berth 会通过它在服务的同时进行回收：请重新预览。</translation>
    </message>
    <message numerus="yes">
        <source>Preview finished (exit status 0): %n line(s) name something eligible for deletion.</source>
        <translation>
            <numerusform>预览完成（退出状态 0）：有 %n 行列出了可删除的内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Collected (exit status 0): see the command&apos;s output.</source>
        <translation>回收完成（退出状态 0）：请查看命令的输出。</translation>
    </message>
    <message>
        <source>Preview: %1 and %2 can go, reclaiming %3.</source>
        <translation>预览：可删除 %1 和 %2，释放 %3。</translation>
    </message>
    <message>
        <source>Collected: %1 and %2 deleted, %3 reclaimed.</source>
        <translation>回收完成：已删除 %1 和 %2，释放了 %3。</translation>
    </message>
    <message numerus="yes">
        <source>%n recent blob(s) are kept for pushes in progress.</source>
        <translation>
            <numerusform>有 %n 个最近的 blob 因推送正在进行而保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview: nothing to collect — every blob and manifest is still in use. A deleted tag&apos;s image stays while another tag or repository uses it.</source>
        <translation>预览：没有可回收的内容 — 每个 blob 和清单都仍在使用中。已删除标签的镜像，只要仍被其他标签或仓库使用，就会保留。</translation>
    </message>
    <message>
        <source>Collect… deletes exactly these.</source>
        <translation>“回收…”将删除的正是这些内容。</translation>
    </message>
    <message>
        <source>Free disk space: %1 before, %2 after.</source>
        <translation>可用磁盘空间：之前 %1，之后 %2。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>berth::ui::GcRun</name>
    <message>
        <source>Cancelled; nothing was deleted.</source>
        <translation>已取消；未删除任何内容。</translation>
    </message>
    <message>
        <source>Berth does not know how to collect garbage on this registry yet.</source>
        <translation>Berth 还不知道如何对此镜像仓库进行垃圾回收。</translation>
    </message>
    <message>
        <source>A running berth-registry holds %1, so nothing was deleted.</source>
        <translation>一个正在运行的 berth-registry 占用着 %1，因此未删除任何内容。</translation>
    </message>
    <message>
        <source>Not connected to the registry.</source>
        <translation>未连接到镜像仓库。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>No dry-run command is set: add one to preview.</source>
        <translation>未设置预览命令：请添加一条，以便预览。</translation>
    </message>
    <message>
        <source>The command was stopped or crashed.</source>
        <translation>命令被停止或已崩溃。</translation>
    </message>
    <message>
        <source>The command failed with exit status %1: see its output.</source>
        <translation>命令失败，退出状态为 %1：请查看其输出。</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImageDetailsView</name>
    <message>
        <source>Copy pull command (tag)</source>
        <translation>复制拉取命令（标签）</translation>
    </message>
    <message>
        <source>Copy pull command (digest)</source>
        <translation>复制拉取命令（摘要）</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>媒体类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建命令</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Raw bytes</source>
        <translation>原始字节</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Artifact type</source>
        <translation>制品类型</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>注解</translation>
    </message>
    <message>
        <source>Referrers</source>
        <translation>引用者</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a tag to see its details.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一个标签以查看其详细信息。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Also tagged</source>
        <translation>其他标签</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Attestations</source>
        <translation>证明</translation>
    </message>
    <message>
        <source>platform %1</source>
        <translation>平台 %1</translation>
    </message>
    <message>
        <source>This image index lists no platforms.</source>
        <translation>此镜像索引未列出任何平台。</translation>
    </message>
    <message>
        <source>The %1 image could not be read: %2</source>
        <translation>无法读取 %1 镜像：%2</translation>
    </message>
    <message>
        <source>The manifest has not been read.</source>
        <translation>尚未读取清单。</translation>
    </message>
    <message>
        <source>A Docker schema 1 manifest: it lists layers without sizes or media types. The Manifest tab shows it whole.</source>
        <translation>Docker schema 1 清单：其中列出的层没有大小和媒体类型。“清单”选项卡会完整显示它。</translation>
    </message>
    <message>
        <source>This manifest has no layers (an artifact or an empty image).</source>
        <translation>此清单没有层（是制品或空镜像）。</translation>
    </message>
    <message>
        <source>Not a container image: its config is of type %1.</source>
        <translation>不是容器镜像：其配置的类型为 %1。</translation>
    </message>
    <message>
        <source>This manifest has no config.</source>
        <translation>此清单没有配置。</translation>
    </message>
    <message>
        <source>Entrypoint</source>
        <translation>入口点（Entrypoint）</translation>
    </message>
    <message>
        <source>Cmd</source>
        <translation>命令（Cmd）</translation>
    </message>
    <message>
        <source>WorkingDir</source>
        <translation>工作目录（WorkingDir）</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户（User）</translation>
    </message>
    <message>
        <source>Env</source>
        <translation>环境变量（Env）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label（镜像元数据）</translation>
    </message>
    <message>
        <source>Exposed ports</source>
        <translation>暴露端口</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>History (no layer)</source>
        <translation>历史（无层）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>This tag is a single image, not an index of platforms.</source>
        <translation>此标签是单个镜像，而不是多平台索引。</translation>
    </message>
    <message>
        <source>This tag is a single image for %1, not an index of platforms: its layers and config are in their own tabs.</source>
        <translation>此标签是 %1 的单个镜像，而不是多平台索引：请在“层”和“配置”选项卡中查看它的层和配置。</translation>
    </message>
    <message>
        <source>Select a platform to see its layers and config; double-click to go to them.</source>
        <translation>选择一个平台以查看其层和配置；双击可跳转到它们。</translation>
    </message>
    <message>
        <source>image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>attestation</source>
        <translation>证明</translation>
    </message>
    <message>
        <source>Asking the registry…</source>
        <translation>正在查询镜像仓库…</translation>
    </message>
    <message>
        <source>No signatures, SBOMs or attestations refer to this image.</source>
        <translation>没有签名、SBOM 或证明引用此镜像。</translation>
    </message>
    <message>
        <source>Found through the referrers tag (this registry has no referrers API).</source>
        <translation>通过引用者（referrers）标签找到（此镜像仓库没有引用者 API）。</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import an image into %1</source>
        <translation>将镜像导入 %1</translation>
    </message>
    <message>
        <source>An image archive or layout folder</source>
        <translation>镜像归档文件或布局文件夹</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>The only one it holds</source>
        <translation>归档中唯一的镜像</translation>
    </message>
    <message>
        <source>Its name in the archive</source>
        <translation>归档中的名称</translation>
    </message>
    <message>
        <source>Move the tag if it points at another image</source>
        <translation>如果标签指向其他镜像，则移动该标签</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Image in it:</source>
        <translation>其中的镜像：</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Pushes an image from an OCI archive, a Docker archive (docker save) or an OCI layout folder into &lt;b&gt;%1&lt;/b&gt;, digest for digest with its signatures and SBOMs. The archive is checked whole first; the tag comes last.</source>
        <translation>将 OCI 归档、Docker 归档（docker save）或 OCI 布局文件夹中的镜像推送到 &lt;b&gt;%1&lt;/b&gt;，摘要逐一保持不变，并带上其签名和 SBOM。会先完整检查归档；最后才打标签。</translation>
    </message>
    <message>
        <source>Import from</source>
        <translation>导入来源</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz *.tar.zst)</source>
        <translation>镜像归档 (*.tar *.tar.gz *.tgz *.tar.zst)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>The registry was disconnected: open it again first.</source>
        <translation>镜像仓库已断开连接：请先重新打开。</translation>
    </message>
    <message>
        <source>Choose the archive and the repository first.</source>
        <translation>请先选择归档和仓库。</translation>
    </message>
    <message>
        <source>Checking the archive…</source>
        <translation>正在检查归档…</translation>
    </message>
    <message>
        <source>Checking the archive before anything is pushed: %1 of %2</source>
        <translation>推送前先检查归档：%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 · layers and configurations: %3 of %4</source>
        <translation>%1 / %2 · 层和配置：%3 / %4</translation>
    </message>
    <message>
        <source>Stopped; nothing was tagged.</source>
        <translation>已停止；未打任何标签。</translation>
    </message>
    <message>
        <source>Tick “%1” to move it.</source>
        <translation>勾选“%1”以移动该标签。</translation>
    </message>
    <message>
        <source>Imported %1: %2 uploaded (%3 layers and configurations), %4 there already%5%6.</source>
        <translation>已导入 %1：上传了 %2（%3 个层和配置），%4 个已存在%5%6。</translation>
    </message>
    <message numerus="yes">
        <source>; with %n signature(s), SBOM(s) or attestation(s)</source>
        <translation>
            <numerusform>；含 %n 个签名、SBOM 或证明</numerusform>
        </translation>
    </message>
    <message>
        <source>; untagged: give it a tag to name it</source>
        <translation>；无标签：请打一个标签为其命名</translation>
    </message>
    <message>
        <source>Import stopped; nothing was tagged.</source>
        <translation>导入已停止；未打任何标签。</translation>
    </message>
</context>
<context>
    <name>berth::ui::InspectController</name>
    <message>
        <source>Open a registry first: Compare reads two of its tags.</source>
        <translation>请先打开一个镜像仓库：比较功能会读取其中的两个标签。</translation>
    </message>
    <message>
        <source>Select one tag to compare with any image, or two to compare with each other.</source>
        <translation>选择一个标签与任意镜像比较，或选择两个标签相互比较。</translation>
    </message>
    <message>
        <source>Open a repository first: its layers are listed.</source>
        <translation>请先打开一个仓库：将列出它的层。</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n tag(s) listed so far are read: scroll to the end of the tag list for all of them.</source>
        <translation>
            <numerusform>只读取了目前已列出的 %n 个标签：滚动到标签列表末尾可读取全部标签。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::JobDialog</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The registry was disconnected; open it again and start over.</source>
        <translation>镜像仓库已断开连接；请重新打开后从头开始。</translation>
    </message>
</context>
<context>
    <name>berth::ui::LocalRegistryAction</name>
    <message>
        <source>Stop local registry</source>
        <translation>停止本地镜像仓库</translation>
    </message>
    <message>
        <source>Start local registry</source>
        <translation>启动本地镜像仓库</translation>
    </message>
    <message>
        <source>Local registry</source>
        <translation>本地镜像仓库</translation>
    </message>
    <message>
        <source>%1 — click to stop it.</source>
        <translation>%1 — 点击停止。</translation>
    </message>
    <message>
        <source>%1 — click to start it.</source>
        <translation>%1 — 点击启动。</translation>
    </message>
</context>
<context>
    <name>berth::ui::LocalRegistryController</name>
    <message>
        <source>The local registry did not start: the keychain has no password for the mirror&apos;s upstream %1. Type it in the Mirror tab.</source>
        <translation>本地镜像仓库未启动：密钥环中没有代理缓存上游 %1 的密码。请在“代理缓存”选项卡中输入。</translation>
    </message>
    <message>
        <source>The local registry did not start: the keychain did not give the password for the mirror&apos;s upstream %1 (%2).</source>
        <translation>本地镜像仓库未启动：密钥环未提供代理缓存上游 %1 的密码（%2）。</translation>
    </message>
    <message>
        <source>No keychain: Berth keeps the password until it quits.</source>
        <translation>没有密钥环：Berth 会保留密码直到退出。</translation>
    </message>
    <message>
        <source>The password is in the keychain.</source>
        <translation>密码已保存在密钥环中。</translation>
    </message>
    <message>
        <source>The keychain did not store the password (%1): Berth keeps it until it quits, and will ask again next time.</source>
        <translation>密钥环未能存储密码（%1）：Berth 会保留密码直到退出，下次会再次询问。</translation>
    </message>
    <message>
        <source>Your local registry is empty</source>
        <translation>本地镜像仓库为空</translation>
    </message>
    <message>
        <source>Load a few small demo images into it? They are made on this computer (nothing is downloaded): a tagged image with a shared tag, a multi-arch image and a series of dated releases to try retention rules on. Delete them any time.</source>
        <translation>要向其中载入几个小的演示镜像吗？它们在本机生成（不下载任何内容）：一个由多个标签共享的镜像、一个多架构镜像，以及一系列带日期的发布版本，可用来试用保留策略规则。可随时删除。</translation>
    </message>
    <message>
        <source>Writing demo images into %1…</source>
        <translation>正在将演示镜像写入 %1…</translation>
    </message>
    <message>
        <source>Demo images could not be written: %1</source>
        <translation>无法写入演示镜像：%1</translation>
    </message>
    <message>
        <source>Stopping the local registry before quitting…</source>
        <translation>退出前正在停止本地镜像仓库…</translation>
    </message>
    <message>
        <source>Port %1 is used by another program, so Berth&apos;s local registry did not start. &lt;a href=&quot;use-port&quot;&gt;Use port %2 instead&lt;/a&gt;</source>
        <translation>端口 %1 已被其他程序占用，因此 Berth 的本地镜像仓库未启动。&lt;a href=&quot;use-port&quot;&gt;改用端口 %2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Local registry: %1</source>
        <translation>本地镜像仓库：%1</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n demo tag(s) into %1.</source>
        <translation>
            <numerusform>已向 %1 载入 %n 个演示标签。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::LocalRegistryPanel</name>
    <message>
        <source>Local registry</source>
        <translation>本地镜像仓库</translation>
    </message>
    <message>
        <source>Load demo images</source>
        <translation>载入演示镜像</translation>
    </message>
    <message>
        <source>A few small images made on this computer (nothing is downloaded)</source>
        <translation>几个在本机生成的小镜像（不下载任何内容）</translation>
    </message>
    <message>
        <source>berth-registry (built in)</source>
        <translation>berth-registry（内置）</translation>
    </message>
    <message>
        <source>distribution (not installed)</source>
        <translation>distribution（未安装）</translation>
    </message>
    <message>
        <source>distribution (%1)</source>
        <translation>distribution（%1）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Allow deletes (storage.delete.enabled)</source>
        <translation>允许删除（storage.delete.enabled）</translation>
    </message>
    <message>
        <source>Require a login (htpasswd, bcrypt)</source>
        <translation>需要登录（htpasswd，bcrypt）</translation>
    </message>
    <message>
        <source>optional: PEM certificate for HTTPS</source>
        <translation>可选：用于 HTTPS 的 PEM 证书</translation>
    </message>
    <message>
        <source>optional: PEM private key</source>
        <translation>可选：PEM 私钥</translation>
    </message>
    <message>
        <source>Keep running when Berth quits</source>
        <translation>Berth 退出后继续运行</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <source>Port (127.0.0.1):</source>
        <translation>端口（127.0.0.1）：</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>TLS certificate:</source>
        <translation>TLS 证书：</translation>
    </message>
    <message>
        <source>TLS key:</source>
        <translation>TLS 私钥：</translation>
    </message>
    <message>
        <source>Settings (change them while stopped)</source>
        <translation>设置（请在停止时修改）</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Add / set password</source>
        <translation>添加 / 设置密码</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <source>Berth&apos;s “Local registry” entry logs in as this user</source>
        <translation>Berth 中的“本地镜像仓库”连接使用此用户登录</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Copy snippets</source>
        <translation>复制代码片段</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Snippets</source>
        <translation>代码片段</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>代理缓存</translation>
    </message>
    <message>
        <source>HTTPS needs both the certificate and the key.</source>
        <translation>HTTPS 需要同时提供证书和私钥。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Anyone who can reach the port can push and delete. Turn on “Require a login” to add users.</source>
        <translation>任何能访问该端口的人都可以推送和删除。开启“需要登录”后可添加用户。</translation>
    </message>
    <message>
        <source>Changes to users apply when the registry next starts.</source>
        <translation>对用户的更改将在镜像仓库下次启动时生效。</translation>
    </message>
    <message>
        <source># Log in (Docker, Podman)
docker login %1

</source>
        <translation># 登录（Docker、Podman）
docker login %1

</translation>
    </message>
    <message>
        <source># Docker trusts plain HTTP on 127.0.0.0/8 already. From another address,
# /etc/docker/daemon.json needs (then restart dockerd):
{ &quot;insecure-registries&quot;: [&quot;%1&quot;] }

</source>
        <translation># Docker 默认已信任 127.0.0.0/8 上的明文 HTTP。从其他地址访问时，
# 需要在 /etc/docker/daemon.json 中加入以下内容（然后重启 dockerd）：
{ &quot;insecure-registries&quot;: [&quot;%1&quot;] }

</translation>
    </message>
    <message>
        <source># Every repository here mirrors an upstream, so pushes are refused: add a
# local prefix in the Mirror tab (e.g. team) to push to team/….
</source>
        <translation># 这里的每个仓库都是某个上游的代理缓存，因此推送会被拒绝：请在“代理缓存”
# 选项卡中添加本地前缀（例如 team），即可推送到 team/…。
</translation>
    </message>
    <message>
        <source># Push an image
docker tag alpine:latest %1/%3:latest
docker push %1/%3:latest

# Or without Docker
skopeo copy%2 docker://docker.io/library/alpine:latest docker://%1/%3:latest
</source>
        <translation># 推送镜像
docker tag alpine:latest %1/%3:latest
docker push %1/%3:latest

# 或不使用 Docker
skopeo copy%2 docker://docker.io/library/alpine:latest docker://%1/%3:latest
</translation>
    </message>
    <message>
        <source>
# Pull through the mirror
</source>
        <translation>
# 通过代理缓存拉取
</translation>
    </message>
    <message>
        <source>Type a user name and a password first.</source>
        <translation>请先输入用户名和密码。</translation>
    </message>
    <message>
        <source>Users not changed: %1</source>
        <translation>用户未更改：%1</translation>
    </message>
    <message>
        <source>Saved %1 (bcrypt hash in %2).</source>
        <translation>已保存 %1（bcrypt 哈希位于 %2）。</translation>
    </message>
    <message>
        <source> Berth logs in as %1 (password in the keychain).</source>
        <translation>Berth 以 %1 登录（密码保存在密钥环中）。</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <source> Applies when the registry next starts.</source>
        <translation>将在镜像仓库下次启动时生效。</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
</context>
<context>
    <name>berth::ui::LoginDialog</name>
    <message>
        <source>Log in to %1</source>
        <translation>登录到 %1</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Log in and try again</source>
        <translation>登录并重试</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 refused this without a login:&lt;/p&gt;&lt;p&gt;&lt;i&gt;%2&lt;/i&gt;&lt;/p&gt;&lt;p&gt;Log in with an account that has the rights for it, and Berth tries again. The password is kept in the keychain.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 拒绝了未登录的此操作：&lt;/p&gt;&lt;p&gt;&lt;i&gt;%2&lt;/i&gt;&lt;/p&gt;&lt;p&gt;请使用有相应权限的账号登录，Berth 会再试一次。密码保存在钥匙串中。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>berth::ui::MainWindow</name>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Search registry</source>
        <translation>搜索镜像仓库</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>请求日志</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Registry</source>
        <translation>镜像仓库(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import logins from Docker…</source>
        <translation>从 Docker 导入登录信息(&amp;I)…</translation>
    </message>
    <message>
        <source>Remove empty re&amp;pository…</source>
        <translation>移除空仓库(&amp;P)…</translation>
    </message>
    <message>
        <source>New &amp;window</source>
        <translation>新建窗口(&amp;W)</translation>
    </message>
    <message>
        <source>The local registry is run from the first window.</source>
        <translation>本地镜像仓库由第一个窗口运行。</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>关闭窗口(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Search registry…</source>
        <translation>搜索镜像仓库(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Find tag</source>
        <translation>查找标签(&amp;F)</translation>
    </message>
    <message>
        <source>Request &amp;log</source>
        <translation>请求日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tag</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Retention…</source>
        <translation>保留策略(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Copy pull command</source>
        <translation>复制拉取命令(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Copy or &amp;promote…</source>
        <translation>复制或提升(&amp;P)…</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>比较(&amp;M)…</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>工具(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Storage inspector…</source>
        <translation>存储检查器(&amp;S)…</translation>
    </message>
    <message>
        <source>Heaviest &amp;layers of this repository…</source>
        <translation>此仓库中最大的层(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Garbage collection…</source>
        <translation>垃圾回收(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Pre-fetch images…</source>
        <translation>预取镜像(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Local registry…</source>
        <translation>本地镜像仓库(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Berth</source>
        <translation>关于 Berth(&amp;A)</translation>
    </message>
    <message>
        <source>About Berth</source>
        <translation>关于 Berth</translation>
    </message>
    <message>
        <source>&lt;b&gt;Berth %1&lt;/b&gt;&lt;p&gt;Browse and manage Docker / OCI registries.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Berth %1&lt;/b&gt;&lt;p&gt;浏览和管理 Docker / OCI 镜像仓库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Add registry</source>
        <translation>添加镜像仓库</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>传输(&amp;T)</translation>
    </message>
    <message>
        <source>Copies are running</source>
        <translation>复制正在进行</translation>
    </message>
    <message>
        <source>A copy in the Transfers list is still running. Stop it and close the window? What was copied stays; no tag is written half-way.</source>
        <translation>“传输”列表中仍有复制在进行。要停止它并关闭窗口吗？已复制的内容会保留；不会写入半完成的标签。</translation>
    </message>
    <message>
        <source>Stop copies and close</source>
        <translation>停止复制并关闭</translation>
    </message>
</context>
<context>
    <name>berth::ui::MirrorCacheBar</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the repositories and read the mirror&apos;s cache again</source>
        <translation>重新加载仓库列表并重新读取代理缓存</translation>
    </message>
    <message>
        <source>Mirror cache: reading…</source>
        <translation>代理缓存：正在读取…</translation>
    </message>
    <message>
        <source>Mirror cache: could not be read. %1</source>
        <translation>代理缓存：无法读取。%1</translation>
    </message>
    <message>
        <source>&lt;1%</source>
        <translation>&lt;1%</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <translation>%1 / %2（%3）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mirror cache&lt;/b&gt; %1&lt;br&gt;%2, %3</source>
        <translation>&lt;b&gt;代理缓存&lt;/b&gt; %1&lt;br&gt;%2，%3</translation>
    </message>
    <message numerus="yes">
        <source>%n repository(s) cached</source>
        <translation>
            <numerusform>已缓存 %n 个仓库</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 local</source>
        <translation>%1 个本地仓库</translation>
    </message>
    <message>
        <source>Everything the registry stores, cached and local: what its size bound (proxy.maxsize) counts. Greyed repositories are only at the upstream. Browsing describes tags through the mirror, which stores their manifests and configuration: tags you looked at are partly cached.</source>
        <translation>镜像仓库存储的全部内容，包括缓存的和本地的，即其大小上限（proxy.maxsize）所计算的部分。灰显的仓库仅存在于上游。浏览时通过代理缓存获取标签信息，代理缓存会存储其清单和配置：因此查看过的标签会被部分缓存。</translation>
    </message>
</context>
<context>
    <name>berth::ui::MirrorSettingsPage</name>
    <message>
        <source>Pull images through this registry: what it lacks is fetched from an upstream, stored, and served from here next time — also when the upstream is down (browsing caches manifests; Tools → Pre-fetch images caches whole images). An upstream with no prefix takes every repository no other one claims; other repositories are local and take pushes.</source>
        <translation>通过此镜像仓库拉取镜像：它缺少的内容会从上游获取并存储，下次直接由这里提供 — 上游不可用时也是如此（浏览会缓存清单；“工具 → 预取镜像”会缓存完整镜像）。没有前缀的上游接管所有未被其他上游匹配的仓库；其余仓库为本地仓库，可接受推送。</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Tags re-checked</source>
        <translation>标签重新检查</translation>
    </message>
    <message>
        <source>prefix, e.g. ghcr (empty: all others)</source>
        <translation>前缀，例如 ghcr（留空：所有其他仓库）</translation>
    </message>
    <message>
        <source>user (optional)</source>
        <translation>用户名（可选）</translation>
    </message>
    <message>
        <source>password or token (kept in the keychain)</source>
        <translation>密码或令牌（保存在密钥环中）</translation>
    </message>
    <message>
        <source>re-check tags after </source>
        <translation>标签重新检查间隔 </translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>A tag pulled again after this long is asked of the upstream again</source>
        <translation>超过此时长后再次拉取的标签，会重新向上游查询</translation>
    </message>
    <message>
        <source>Add / update</source>
        <translation>添加 / 更新</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <source>e.g. team, ci (with an upstream for all others)</source>
        <translation>例如 team, ci（配合一个接管所有其他仓库的上游）</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Past this, the least recently pulled mirrored images are removed (never local ones); they are fetched again when pulled.</source>
        <translation>超过此大小后，最久未被拉取的代理缓存镜像会被移除（本地镜像不会）；再次拉取时会重新获取。</translation>
    </message>
    <message>
        <source>Local repositories under:</source>
        <translation>本地仓库前缀：</translation>
    </message>
    <message>
        <source>Cache size:</source>
        <translation>缓存大小：</translation>
    </message>
    <message>
        <source>every other repository</source>
        <translation>所有其他仓库</translation>
    </message>
    <message>
        <source>Saved: %1 from %2.</source>
        <translation>已保存：%1 从 %2 获取。</translation>
    </message>
    <message>
        <source>Replaced %1 by %2 for %3.</source>
        <translation>已将 %3 的上游 %1 替换为 %2。</translation>
    </message>
    <message>
        <source> Storing the password in the keychain…</source>
        <translation>正在将密码存入密钥环…</translation>
    </message>
    <message>
        <source> The registry reads %1&apos;s password from the keychain when it starts; type it here once if it is not there yet.</source>
        <translation>镜像仓库启动时会从密钥环读取 %1 的密码；如果密钥环中还没有，请在此输入一次。</translation>
    </message>
    <message>
        <source> No login: pulled anonymously.</source>
        <translation>未设置登录：将匿名拉取。</translation>
    </message>
    <message>
        <source>
Repositories already here become this upstream&apos;s too, unless they are under a local prefix: add theirs below to keep them yours.</source>
        <translation>
此处已有的仓库也将归属此上游，除非它们位于本地前缀下：请在下方添加它们的前缀，以保留为本地仓库。</translation>
    </message>
    <message>
        <source>all others</source>
        <translation>所有其他仓库</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>after %1 h</source>
        <translation>%1 小时后</translation>
    </message>
</context>
<context>
    <name>berth::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Berth speaks %1 from its next start.</source>
        <translation>Berth 将在下次启动时使用 %1。</translation>
    </message>
    <message>
        <source>The desktop&apos;s</source>
        <translation>跟随桌面</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light or dark whatever the desktop uses; the desktop&apos;s follows its colour scheme.</source>
        <translation>无论桌面使用什么配色，都固定为浅色或深色；“跟随桌面”会随桌面的配色方案变化。</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Requests sent to one registry at once when listing and describing tags or deleting many; from the next connection</source>
        <translation>列出和描述标签或批量删除时，同时发往一个镜像仓库的请求数；从下次连接起生效</translation>
    </message>
    <message>
        <source>Copies in the Transfers list that run at the same time; the others wait</source>
        <translation>“传输”列表中同时运行的复制数；其余的等待</translation>
    </message>
    <message>
        <source>Layers each copy moves at the same time; for copies started from now on</source>
        <translation>每个复制同时传输的层数；对此后开始的复制生效</translation>
    </message>
    <message>
        <source>&amp;Requests at once per registry:</source>
        <translation>每个镜像仓库的并发请求数(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Copies at once:</source>
        <translation>并发复制数(&amp;C)：</translation>
    </message>
    <message>
        <source>La&amp;yers at once per copy:</source>
        <translation>每个复制的并发层数(&amp;Y)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>What the file lists of layers (Files, Compare) may keep on disk; the least recently used go first</source>
        <translation>层文件列表（文件、比较）可在磁盘上保留的大小；最久未使用的先被移除</translation>
    </message>
    <message>
        <source>Layer &amp;file lists kept:</source>
        <translation>保留的层文件列表(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>berth::ui::PrefetchDialog</name>
    <message>
        <source>Pre-fetch images</source>
        <translation>预取镜像</translation>
    </message>
    <message>
        <source>Pulls each image through %1 — every platform and layer, checked against its digest — and keeps nothing on this computer. A mirror stores what passes through it, so these images pull from it even while its upstream is away. One image per line: repository:tag or repository@sha256:…</source>
        <translation>通过 %1 拉取每个镜像 — 包括所有平台和层，并按摘要校验 — 不在本机保留任何内容。代理缓存会存储经过它的内容，因此即使其上游不可用，也能从它拉取这些镜像。每行一个镜像：repository:tag 或 repository@sha256:…</translation>
    </message>
    <message>
        <source>Pre-fetch</source>
        <translation>预取</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The registry was disconnected: open it again first.</source>
        <translation>镜像仓库已断开连接：请先重新打开。</translation>
    </message>
    <message>
        <source>Type the images to fetch, one per line.</source>
        <translation>请输入要获取的镜像，每行一个。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Image %1 of %2: %3 — %4 received so far</source>
        <translation>第 %1/%2 个镜像：%3 — 已接收 %4</translation>
    </message>
    <message>
        <source>Stopped. What was fetched so far stays in the mirror.</source>
        <translation>已停止。已获取的内容会保留在代理缓存中。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s) fetched whole (manifests: %2, blobs: %3, %4).</source>
        <translation>
            <numerusform>%n 个镜像中有 %1 个已完整获取（清单：%2，blob：%3，%4）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: the registry was disconnected.</source>
        <translation>已停止：镜像仓库已断开连接。</translation>
    </message>
</context>
<context>
    <name>berth::ui::ProfileController</name>
    <message>
        <source>Reading the login for %1 from the keychain…</source>
        <translation>正在从密钥环读取 %1 的登录信息…</translation>
    </message>
    <message>
        <source>That registry is no longer saved.</source>
        <translation>该镜像仓库已不在保存列表中。</translation>
    </message>
    <message>
        <source>The keychain did not give the password of %1: %2</source>
        <translation>密钥环未提供 %1 的密码：%2</translation>
    </message>
    <message>
        <source>the keychain gave back something else</source>
        <translation>密钥环返回了其他内容</translation>
    </message>
    <message>
        <source>Password not stored</source>
        <translation>密码未存储</translation>
    </message>
    <message>
        <source>The keychain did not store the password of “%1”.</source>
        <translation>密钥环未能存储“%1”的密码。</translation>
    </message>
    <message>
        <source>The keychain may be locked, or have no login keyring yet.

Berth can remember the password until it quits; you will be asked to type it again next time. Otherwise this registry is used without a login.</source>
        <translation>密钥环可能已锁定，或尚未创建登录密钥环。

Berth 可以记住密码直到退出；下次需要再次输入。否则将不登录使用此镜像仓库。</translation>
    </message>
    <message>
        <source>Remember until Berth quits</source>
        <translation>记住直到 Berth 退出</translation>
    </message>
    <message>
        <source>Do not remember</source>
        <translation>不记住</translation>
    </message>
    <message>
        <source>The password of %1 is remembered until Berth quits.</source>
        <translation>将记住 %1 的密码，直到 Berth 退出。</translation>
    </message>
    <message>
        <source>The password of %1 was not stored.</source>
        <translation>未存储 %1 的密码。</translation>
    </message>
    <message>
        <source>Remove registry</source>
        <translation>移除镜像仓库</translation>
    </message>
    <message>
        <source>Remove “%1” from Berth? Its stored login is deleted from the keychain; the registry itself is not touched.</source>
        <translation>要从 Berth 中移除“%1”吗？其已存储的登录信息会从密钥环中删除；镜像仓库本身不受影响。</translation>
    </message>
</context>
<context>
    <name>berth::ui::RegistryDialog</name>
    <message>
        <source>Add registry</source>
        <translation>添加镜像仓库</translation>
    </message>
    <message>
        <source>Edit registry</source>
        <translation>编辑镜像仓库</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产环境</translation>
    </message>
    <message>
        <source>registry.example.com or localhost:5000</source>
        <translation>registry.example.com 或 localhost:5000</translation>
    </message>
    <message>
        <source>Without a scheme, localhost and 127.x use plain HTTP (as docker does); everything else HTTPS.</source>
        <translation>未指定协议时，localhost 和 127.x 使用明文 HTTP（与 docker 相同）；其他地址使用 HTTPS。</translation>
    </message>
    <message>
        <source>Verify certificates (recommended)</source>
        <translation>验证证书（推荐）</translation>
    </message>
    <message>
        <source>Verify with a custom CA file</source>
        <translation>使用自定义 CA 文件验证</translation>
    </message>
    <message>
        <source>Insecure: do not verify certificates</source>
        <translation>不安全：不校验证书</translation>
    </message>
    <message>
        <source>PEM file of the CA that signed the registry&apos;s certificate</source>
        <translation>签发该镜像仓库证书的 CA 的 PEM 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&lt;p&gt;For an OAuth2 identity token (what docker login keeps for registries such as Azure Container Registry), enter &lt;b&gt;&amp;lt;token&amp;gt;&lt;/b&gt; here and the token as the password.&lt;/p&gt;</source>
        <translation>&lt;p&gt;如果使用 OAuth2 身份令牌（docker login 为 Azure Container Registry 等镜像仓库保存的就是这种令牌），请在此处填写 &lt;b&gt;&amp;lt;token&amp;gt;&lt;/b&gt;，并将令牌填作密码。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(stored in the keychain — type to replace)</source>
        <translation>（已存储在密钥环中 — 输入以替换）</translation>
    </message>
    <message>
        <source>(remembered until Berth quits — type to replace)</source>
        <translation>（在 Berth 退出前记住 — 输入以替换）</translation>
    </message>
    <message>
        <source>password or access token</source>
        <translation>密码或访问令牌</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>if its registry:2 data is on this machine</source>
        <translation>如果其 registry:2 数据在本机上</translation>
    </message>
    <message>
        <source>e.g. docker exec registry registry garbage-collect …</source>
        <translation>例如 docker exec registry registry garbage-collect …</translation>
    </message>
    <message>
        <source>e.g. docker exec registry registry garbage-collect /etc/docker/registry/config.yml --delete-untagged</source>
        <translation>例如 docker exec registry registry garbage-collect /etc/docker/registry/config.yml --delete-untagged</translation>
    </message>
    <message>
        <source>optional: the same with --dry-run</source>
        <translation>可选：加上 --dry-run 的同一命令</translation>
    </message>
    <message>
        <source>Garbage collection</source>
        <translation>垃圾回收</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Dry-run command</source>
        <translation>预览命令</translation>
    </message>
    <message>
        <source>Garbage collection settings…</source>
        <translation>垃圾回收设置…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>证书 (*.crt *.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Plain HTTP: no certificates to verify.</source>
        <translation>明文 HTTP：没有需要校验的证书。</translation>
    </message>
    <message>
        <source>Certificates will not be checked: anyone on the network path can read and change what Berth sees and sends, including your password.</source>
        <translation>将不检查证书：网络路径上的任何人都能读取并篡改 Berth 收到和发送的内容，包括您的密码。</translation>
    </message>
    <message>
        <source>Plain HTTP to another machine: your password and images travel unencrypted.</source>
        <translation>通过明文 HTTP 连接其他机器：您的密码和镜像将以未加密方式传输。</translation>
    </message>
    <message>
        <source>Choose the CA file, or another TLS mode.</source>
        <translation>请选择 CA 文件，或选择其他 TLS 模式。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>no login needed</source>
        <translation>无需登录</translation>
    </message>
    <message>
        <source>%1 login accepted</source>
        <translation>%1 登录成功</translation>
    </message>
    <message>
        <source>%1 login (anonymous access allowed)</source>
        <translation>%1 登录（允许匿名访问）</translation>
    </message>
    <message>
        <source>✓ %1 answers: API %2, %3, %4 ms%5</source>
        <translation>✓ %1 已响应：API %2，%3，%4 ms%5</translation>
    </message>
    <message>
        <source>(no version header)</source>
        <translation>（无版本头）</translation>
    </message>
    <message>
        <source>, plain HTTP</source>
        <translation>，明文 HTTP</translation>
    </message>
    <message>
        <source>, TLS: %1</source>
        <translation>，TLS：%1</translation>
    </message>
    <message>
        <source>Not used: plain HTTP</source>
        <translation>不适用：纯 HTTP</translation>
    </message>
</context>
<context>
    <name>berth::ui::RegistryWidget</name>
    <message>
        <source>Add a registry</source>
        <translation>添加镜像仓库</translation>
    </message>
    <message>
        <source>Edit this registry</source>
        <translation>编辑此镜像仓库</translation>
    </message>
    <message>
        <source>Filter repositories</source>
        <translation>筛选仓库</translation>
    </message>
    <message>
        <source>Add repository by name…</source>
        <translation>按名称添加仓库…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>%1 — %2, login: %3, %4 ms</source>
        <translation>%1 — %2，登录：%3，%4 ms</translation>
    </message>
    <message>
        <source>registry</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Open a registry first: pre-fetch pulls images through it.</source>
        <translation>请先打开一个镜像仓库：预取会通过它拉取镜像。</translation>
    </message>
    <message>
        <source>Add repository</source>
        <translation>添加仓库</translation>
    </message>
    <message>
        <source>This registry does not list its repositories. Repository name (e.g. team/app):</source>
        <translation>此镜像仓库不提供仓库列表。仓库名称（例如 team/app）：</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid repository name: lowercase letters, digits and . _ - separators, parts joined by /.</source>
        <translation>“%1”不是有效的仓库名称：只能使用小写字母、数字和分隔符 . _ -，各部分以 / 连接。</translation>
    </message>
    <message>
        <source>none needed</source>
        <translation>无需登录</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>No repositories yet.

Push an image here:
docker push %1/NAME:TAG</source>
        <translation>还没有仓库。

向这里推送一个镜像：
docker push %1/NAME:TAG</translation>
    </message>
    <message>
        <source>or load demo images: Tools → Local registry… → Load demo images.</source>
        <translation>或载入演示镜像：工具 → 本地镜像仓库… → 载入演示镜像。</translation>
    </message>
    <message>
        <source>Berth could not list the repositories:

%1</source>
        <translation>Berth 无法列出仓库：

%1</translation>
    </message>
    <message>
        <source>Give this registry a login: Registry → Edit…</source>
        <translation>请为此镜像仓库设置登录：镜像仓库 → 编辑…</translation>
    </message>
</context>
<context>
    <name>berth::ui::RepositoryLayersDialog</name>
    <message>
        <source>Heaviest layers of %1</source>
        <translation>%1 中最大的层</translation>
    </message>
    <message numerus="yes">
        <source>Reading the manifests of %n tag(s)…</source>
        <translation>
            <numerusform>正在读取 %n 个标签的清单…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用的标签</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>创建指令</translation>
    </message>
    <message>
        <source>Stopped: the tags read so far. </source>
        <translation>已停止：以下为目前已读取的标签。</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s), %1 stored for this repository (each layer once); </source>
        <translation>
            <numerusform>%n 个层，此仓库共存储 %1（每个层只计一次）；</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of it in layers only one tag uses — deleting that tag (and collecting garbage) frees them. The tags weigh %2 counted one by one: sharing layers saves the difference.</source>
        <translation>其中 %1 位于只被一个标签使用的层中——删除该标签（并进行垃圾回收）即可释放。逐个累加各标签共 %2：共享层节省了其中的差额。</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) could not be read and are left out.</source>
        <translation>
            <numerusform>有 %n 个标签无法读取，未计入。</numerusform>
        </translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s): %1</source>
        <translation>
            <numerusform>%n 个标签：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a layer to open a tag that uses it.</source>
        <translation>双击某一层，即可打开使用它的标签。</translation>
    </message>
</context>
<context>
    <name>berth::ui::RepositoryModel</name>
    <message>
        <source>Not in the mirror&apos;s cache: the upstream has it, and a pull fetches it.</source>
        <translation>不在代理缓存中：上游有此仓库，拉取时会获取。</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>, last pulled %1</source>
        <translation>，上次拉取于 %1</translation>
    </message>
    <message>
        <source>Local (pushed here, not mirrored): %1, %2%3</source>
        <translation>本地（推送到此处，非代理缓存）：%1，%2%3</translation>
    </message>
    <message>
        <source>In the mirror&apos;s cache (from %1): %2, %3%4</source>
        <translation>在代理缓存中（来自 %1）：%2，%3%4</translation>
    </message>
</context>
<context>
    <name>berth::ui::RequestLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>berth::ui::RetentionDialog</name>
    <message>
        <source>Retention — %1</source>
        <translation>保留策略 — %1</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最新的</translation>
    </message>
    <message>
        <source> tags (of those the other conditions select)</source>
        <translation> 个标签（在符合其他条件的标签中计算）</translation>
    </message>
    <message>
        <source>Only tags matching</source>
        <translation>仅限匹配以下表达式的标签</translation>
    </message>
    <message>
        <source>regular expression for the whole tag, e.g. pr-.*|.*-rc\d+</source>
        <translation>匹配整个标签的正则表达式，例如 pr-.*|.*-rc\d+</translation>
    </message>
    <message>
        <source>Only tags older than</source>
        <translation>仅限早于以下时间的标签</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天前</translation>
    </message>
    <message>
        <source>Delete these…</source>
        <translation>删除这些标签…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tag(s) would be deleted; %2 stay.</source>
        <translation>
            <numerusform>%n 个标签中将删除 %1 个，保留 %2 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept because their date is unknown: %1.</source>
        <translation>因日期未知而保留：%1。</translation>
    </message>
</context>
<context>
    <name>berth::ui::SearchPanel</name>
    <message>
        <source>Search repositories and tags</source>
        <translation>搜索仓库和标签</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>Searching… %1 of %n repository(s), %2 found</source>
        <translation>
            <numerusform>正在搜索…已搜索 %1/%n 个仓库，找到 %2 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped; %1 found.</source>
        <translation>已停止；找到 %1 个。</translation>
    </message>
    <message numerus="yes">
        <source>First %n match(es) (stopped there).</source>
        <translation>
            <numerusform>前 %n 个匹配项（已在此停止）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 found in %n repository(s).</source>
        <translation>
            <numerusform>在 %n 个仓库中找到 %1 个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::StorageInspectorDialog</name>
    <message>
        <source>Storage inspector</source>
        <translation>存储检查器</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>a registry:2 root (holds docker/registry/v2)</source>
        <translation>registry:2 根目录（包含 docker/registry/v2）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Verify blob contents (re-hash)</source>
        <translation>校验 blob 内容（重新计算哈希）</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not scanned yet.</source>
        <translation>尚未扫描。</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation>独占</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Untagged</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>Platforms of tagged indexes</source>
        <translation>带标签索引的平台</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Blob</source>
        <translation>Blob</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Orphan blobs</source>
        <translation>孤立 blob</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Untagged manifests</source>
        <translation>无标签清单</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>What</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Dangling links</source>
        <translation>悬空链接</translation>
    </message>
    <message>
        <source>Corrupt blobs</source>
        <translation>损坏的 blob</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Verifying blob %1 of %2…</source>
        <translation>正在校验 blob（%1/%2）…</translation>
    </message>
    <message>
        <source>Reading repository %1 of %2…</source>
        <translation>正在读取仓库（%1/%2）…</translation>
    </message>
    <message>
        <source>Listing blobs…</source>
        <translation>正在列出 blob…</translation>
    </message>
    <message>
        <source>Scan cancelled; nothing was changed.</source>
        <translation>扫描已取消；未做任何更改。</translation>
    </message>
    <message>
        <source>Could not scan: %1</source>
        <translation>无法扫描：%1</translation>
    </message>
    <message>
        <source>%1, %2 in %3</source>
        <translation>%1，共 %2，分布于 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n 个 blob</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repository(s)</source>
        <translation>
            <numerusform>%n 个仓库</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n orphan blob(s)</source>
        <translation>
            <numerusform>%n 个孤立 blob</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n untagged manifest(s)</source>
        <translation>
            <numerusform>%n 个无标签清单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s)</source>
        <translation>
            <numerusform>%n 个上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dangling link(s)</source>
        <translation>
            <numerusform>%n 个悬空链接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 exclusive (freed if removed), %2 shared with other repositories</source>
        <translation>独占 %1（移除后释放），与其他仓库共享 %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Registry data directory</source>
        <translation>镜像仓库数据目录</translation>
    </message>
    <message>
        <source>Export report as JSON</source>
        <translation>将报告导出为 JSON</translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation>将用量导出为 CSV</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>berth::ui::TagModel</name>
    <message>
        <source>not cached</source>
        <translation>未缓存</translation>
    </message>
    <message>
        <source>other image</source>
        <translation>其他镜像</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>已缓存</translation>
    </message>
    <message>
        <source>partly (%1 of %2)</source>
        <translation>部分（%1/%2）</translation>
    </message>
    <message>
        <source>Not in the mirror&apos;s cache: a pull fetches it from the upstream.</source>
        <translation>不在代理缓存中：拉取时会从上游获取。</translation>
    </message>
    <message>
        <source> Last pulled %1.</source>
        <translation>上次拉取于 %1。</translation>
    </message>
    <message>
        <source>The registry&apos;s tag points at another image (%1) than the one shown: one of the two is out of date. View → Refresh shows what it serves now.%2</source>
        <translation>镜像仓库中的该标签指向的镜像（%1）与显示的不同：二者之一已过时。使用“视图 → 刷新”可查看它当前提供的内容。%2</translation>
    </message>
    <message>
        <source>Pushed here (a local repository, not mirrored): every part is stored.%1</source>
        <translation>推送到此处（本地仓库，非代理缓存）：所有部分均已存储。%1</translation>
    </message>
    <message numerus="yes">
        <source>Pushed here, but %1 of its %n part(s) are missing from the store.%2</source>
        <translation>
            <numerusform>推送到此处，但其 %n 个部分中有 %1 个不在存储中。%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Every part of this image is in the mirror&apos;s cache: it pulls even while the upstream is unreachable.%1</source>
        <translation>该镜像的所有部分都在代理缓存中：即使上游无法访问也能拉取。%1</translation>
    </message>
    <message numerus="yes">
        <source>The cache holds %1 of its %n part(s) (manifests, configuration, layers): a pull fetches the rest from the upstream. Describing a tag through a mirror stores its manifests and configuration.%2</source>
        <translation>
            <numerusform>缓存中有其 %n 个部分（清单、配置、层）中的 %1 个：拉取时会从上游获取其余部分。通过代理缓存查看标签详情时会存储其清单和配置。%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>In cache</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>berth::ui::TagTable</name>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Filter tags (Ctrl+F)</source>
        <translation>筛选标签（Ctrl+F）</translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n 个标签</numerusform>
        </translation>
    </message>
    <message>
        <source>, none shown: the filter is not a valid regular expression</source>
        <translation>，未显示任何标签：筛选条件不是有效的正则表达式</translation>
    </message>
    <message>
        <source>, %1 shown</source>
        <translation>，显示 %1 个</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3 in all (shared layers counted once)%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2，共 %3（共享层只计一次）%4</translation>
    </message>
    <message>
        <source>, loading…</source>
        <translation>，正在加载…</translation>
    </message>
</context>
<context>
    <name>berth::ui::TextDiffDialog</name>
    <message numerus="yes">
        <source>%n line(s) changed</source>
        <translation>
            <numerusform>%n 行已更改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n 行已删除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n 行已添加</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — what changed</source>
        <translation>%1 — 变更内容</translation>
    </message>
    <message>
        <source>Reading the layers that hold both versions…</source>
        <translation>正在读取包含两个版本的层…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>&amp;Previous change</source>
        <translation>上一处更改(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next change</source>
        <translation>下一处更改(&amp;N)</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 中的 %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 in %3: Berth does not open it.</source>
        <translation>%3 中的 %1 大于 %2：Berth 不会打开它。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Not text, so not lined up: %1 in %2, %3 in %4.</source>
        <translation>不是文本，因此不逐行对齐：%2 中为 %1，%4 中为 %3。</translation>
    </message>
    <message>
        <source>Lining up the lines…</source>
        <translation>正在逐行对齐…</translation>
    </message>
    <message>
        <source>No line differs.</source>
        <translation>没有不同的行。</translation>
    </message>
    <message>
        <source> Too many changes to line up: the differing middle parts are shown side by side as they are.</source>
        <translation>更改过多，无法逐行对齐：差异的中间部分按原样并排显示。</translation>
    </message>
    <message>
        <source> Only one version ends with a newline.</source>
        <translation>只有一个版本以换行符结尾。</translation>
    </message>
    <message>
        <source>Change %1 of %2. %3</source>
        <translation>第 %1 处更改，共 %2 处。%3</translation>
    </message>
</context>
<context>
    <name>berth::ui::TransferController</name>
    <message>
        <source>Open a registry first: export writes its images into a file.</source>
        <translation>请先打开一个镜像仓库：导出会将其中的镜像写入文件。</translation>
    </message>
    <message>
        <source>Select the tags to export first.</source>
        <translation>请先选择要导出的标签。</translation>
    </message>
    <message>
        <source>Open a registry first: import pushes an image into it.</source>
        <translation>请先打开一个镜像仓库：导入会将镜像推送到其中。</translation>
    </message>
    <message>
        <source>The window is closing.</source>
        <translation>窗口正在关闭。</translation>
    </message>
    <message>
        <source>Open a registry first: a copy starts from its images.</source>
        <translation>请先打开一个镜像仓库：复制从其中的镜像开始。</translation>
    </message>
    <message>
        <source>Select the repository or tags to copy or promote first.</source>
        <translation>请先选择要复制或提升的仓库或标签。</translation>
    </message>
    <message>
        <source>A copy to %1: %2 is in the Transfers list.</source>
        <translation>复制到 %1：%2 的任务已加入“传输”列表。</translation>
    </message>
    <message>
        <source>Both registries have a login, and one refused it: give it a login with the rights the copy needs (Registry → Edit…).</source>
        <translation>两个镜像仓库都已登录，但其中一个拒绝了该登录：请为它设置具有复制所需权限的登录（镜像仓库 → 编辑…）。</translation>
    </message>
</context>
<context>
    <name>berth::ui::TransferListModel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>every tag</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <source>every tag matching “%1”</source>
        <translation>所有与“%1”匹配的标签</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2:%3</source>
        <translation>%1：%2:%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Listing the tags…</source>
        <translation>正在列出标签…</translation>
    </message>
    <message>
        <source>tag %1 of %2 (%3)</source>
        <translation>第 %1 个标签，共 %2 个（%3）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>重试 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n copied</source>
        <translation>
            <numerusform>已复制 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 streamed</source>
        <translation>已传输 %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>Partly done: %1</source>
        <translation>部分完成：%1</translation>
    </message>
    <message>
        <source>Nothing copied: %1</source>
        <translation>未复制任何内容：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n tag(s); none is half-tagged.</source>
        <translation>
            <numerusform>已在 %n 个标签后停止；没有标签处于半完成状态。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped; nothing was tagged.</source>
        <translation>已停止；未打任何标签。</translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n 个已存在</numerusform>
        </translation>
    </message>
    <message>
        <source>Only %1: that platform&apos;s image, not the index.</source>
        <translation>仅 %1：复制的是该平台的镜像，而不是索引。</translation>
    </message>
    <message>
        <source>Only %1: a new index with a digest of its own.</source>
        <translation>仅 %1：一个拥有新摘要的新索引。</translation>
    </message>
    <message>
        <source>“Run again, moving tags” moves them.</source>
        <translation>“再次运行并移动标签”可移动它们。</translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n tag(s): %1</source>
        <translation>
            <numerusform>在 %n 个标签后失败：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::TransferPanel</name>
    <message>
        <source>Copies</source>
        <translation>复制任务</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>再次运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run again, &amp;moving tags</source>
        <translation>再次运行并移动标签(&amp;M)</translation>
    </message>
    <message>
        <source>Run again; target tags that point at other images are moved to these</source>
        <translation>再次运行；目标处指向其他镜像的标签将被移到这些镜像</translation>
    </message>
    <message>
        <source>&amp;Clear finished</source>
        <translation>清除已完成(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the copy chosen; what it copied stays, no tag is written half-way</source>
        <translation>停止所选复制；已复制的内容会保留，不会写入半完成的标签</translation>
    </message>
    <message>
        <source>Copy again what the chosen row copied; what is there already is skipped, so a stopped or failed copy resumes</source>
        <translation>再次复制所选行的内容；已存在的内容会跳过，因此停止或失败的复制可以继续</translation>
    </message>
    <message>
        <source>Remove the copies that ended from the list</source>
        <translation>从列表中移除已结束的复制</translation>
    </message>
    <message>
        <source>&amp;Log in and copy again</source>
        <translation>登录并重新复制(&amp;L)</translation>
    </message>
    <message>
        <source>A registry refused the copy without a login: log in to it (the password goes to the keychain) and copy again</source>
        <translation>镜像仓库拒绝了未登录的复制：登录该镜像仓库（密码保存到钥匙串）并重新复制</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse and manage Docker / OCI container registries.</source>
        <translation>浏览和管理 Docker / OCI 容器镜像仓库。</translation>
    </message>
</context>
</TS>
