using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>The result of recognising one method as an LLM call.</summary>
    internal readonly struct LlmCall
    {
        public static readonly LlmCall None = default;

        public LlmCall(LlmCallKind kind, LlmSdk sdk, IMethodSymbol? entryPoint)
        {
            Kind = kind;
            Sdk = sdk;
            EntryPoint = entryPoint;
        }

        public LlmCallKind Kind { get; }

        /// <summary>The SDK family, or how AiLint learned about the call (attribute, option, project method).</summary>
        public LlmSdk Sdk { get; }

        /// <summary>The SDK (or annotated/configured/project) method the call was matched to.</summary>
        public IMethodSymbol? EntryPoint { get; }

        public bool IsLlmCall => Kind != LlmCallKind.None;

        /// <summary>True for calls that go straight to an OpenAI or Anthropic client (whose built-in retries matter).</summary>
        public bool IsDirectProviderCall => Sdk == LlmSdk.OpenAI || Sdk == LlmSdk.Anthropic;
    }
}
