namespace AiLint.Generators.Inputs
{
    /// <summary>Which optional libraries the compilation references; each flag turns on part of the output.</summary>
    /// <param name="HasSystemTextJson">System.Text.Json: required for any output (the parser walks a JsonDocument).</param>
    /// <param name="HasOpenAI">OpenAI.Chat.ChatResponseFormat: emit the strict OpenAI response-format binding.</param>
    /// <param name="HasMicrosoftExtensionsAI">Microsoft.Extensions.AI.ChatResponseFormat: emit the MEAI binding.</param>
    /// <param name="HasAnthropic">Anthropic.Models.Messages.OutputConfig: emit the Anthropic output-config and tool bindings.</param>
    internal readonly record struct SdkFlags(bool HasSystemTextJson, bool HasOpenAI, bool HasMicrosoftExtensionsAI, bool HasAnthropic);
}
