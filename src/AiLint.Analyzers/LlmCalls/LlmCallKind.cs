namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>What an invocation does with a model.</summary>
    internal enum LlmCallKind
    {
        /// <summary>Not an LLM call (includes embedding calls: they sample nothing).</summary>
        None = 0,

        /// <summary>A call that returns one complete, sampled answer.</summary>
        Generation = 1,

        /// <summary>A call that returns the answer incrementally (tokens may already be shown while it runs).</summary>
        Streaming = 2,
    }

    /// <summary>Where the recognised call comes from.</summary>
    internal enum LlmSdk
    {
        None = 0,
        OpenAI,
        Anthropic,
        MicrosoftExtensionsAI,
        SemanticKernel,
        AgentFramework,
        Ollama,

        /// <summary>Azure.AI.OpenAI 1.0.0-beta's <c>OpenAIClient</c> (before the 2.0 rewrite on the OpenAI library).</summary>
        AzureOpenAIBeta,

        /// <summary>Azure.AI.Inference's <c>ChatCompletionsClient</c>.</summary>
        AzureAIInference,

        /// <summary>Betalgo.Ranul.OpenAI (the community OpenAI SDK).</summary>
        Betalgo,

        /// <summary>OpenAI 1.x, OkGoDoIt's community library (assembly and namespace <c>OpenAI_API</c>).</summary>
        OpenAIApi,

        /// <summary>An HTTP POST to a provider's generation endpoint (OpenAI-compatible, Anthropic, Gemini, Ollama, Azure).</summary>
        Http,

        /// <summary>A method marked <c>[AiLint.LlmCall]</c>.</summary>
        Annotated,

        /// <summary>A method listed in <c>ailint.llm_call_methods</c>.</summary>
        Configured,

        /// <summary>A method of the compilation that makes an LLM call directly or through other such methods.</summary>
        Project,

        /// <summary>A method of a referenced project whose AiLint summary records that it makes an LLM call.</summary>
        Referenced,
    }
}
