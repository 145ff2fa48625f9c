namespace AiLint.Tool.Bom;

/// <summary>
/// The LLM SDKs AiLint knows, by assembly and package name: which packages belong in the BOM, and which SDK a model
/// slot belongs to (and so its provider).
/// </summary>
internal static class LlmSdkAssemblies
{
    private static readonly string[] ExactIds = ["OpenAI", "Azure.AI.OpenAI", "Azure.AI.Inference", "OllamaSharp", "Anthropic", "Mistral.SDK", "Google.GenAI"];

    private static readonly string[] IdPrefixes =
        ["Anthropic.", "Microsoft.Extensions.AI", "Microsoft.Agents.AI", "Microsoft.SemanticKernel", "ModelContextProtocol", "OpenAI.", "Betalgo.Ranul.OpenAI", "Betalgo.OpenAI"];

    /// <summary>Whether a NuGet package (or an assembly of the same name) is an LLM, agent or MCP SDK.</summary>
    public static bool IsLlmSdk(string name) =>
        ExactIds.Any(id => string.Equals(id, name, StringComparison.OrdinalIgnoreCase))
        || IdPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The provider behind a model slot declared in this assembly; null for provider-neutral abstractions
    /// (Microsoft.Extensions.AI, Agent Framework) where the id goes to whichever client is configured.
    /// </summary>
    public static string? ProviderOf(string assemblyName)
    {
        if (assemblyName.Contains("AzureOpenAI", StringComparison.Ordinal) || assemblyName == "Azure.AI.OpenAI")
        {
            return "azure-openai";
        }

        // OkGoDoIt's OpenAI package ships the assembly OpenAI_API; Betalgo's requests live in Betalgo.Ranul.OpenAI.Contracts.
        if (assemblyName == "OpenAI" || assemblyName.EndsWith(".OpenAI", StringComparison.Ordinal) || assemblyName == "OpenAI_API"
            || assemblyName.StartsWith("Betalgo.Ranul.OpenAI", StringComparison.Ordinal) || assemblyName.StartsWith("Betalgo.OpenAI", StringComparison.Ordinal))
        {
            return "openai";
        }

        if (assemblyName.StartsWith("Anthropic", StringComparison.Ordinal) || assemblyName.EndsWith(".Anthropic", StringComparison.Ordinal))
        {
            return "anthropic";
        }

        if (assemblyName == "OllamaSharp" || assemblyName.EndsWith(".Ollama", StringComparison.Ordinal))
        {
            return "ollama";
        }

        if (assemblyName.EndsWith(".Google", StringComparison.Ordinal) || assemblyName == "Google.GenAI")
        {
            return "google";
        }

        if (assemblyName.EndsWith(".MistralAI", StringComparison.Ordinal) || assemblyName == "Mistral.SDK")
        {
            return "mistral";
        }

        return null;
    }
}
