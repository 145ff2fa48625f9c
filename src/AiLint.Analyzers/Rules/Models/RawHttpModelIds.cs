using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model slots of requests an app sends over plain <c>HttpClient</c>, without an SDK: the POSTs that AIL0001 counts as
    /// LLM calls (<see cref="RawHttpLlmCalls.Recognize"/>, the same URL reading and corroboration), with the id taken from
    /// the body's <c>model</c> member (<see cref="RequestBodyModelIds"/>), or from the path for Gemini
    /// (<c>models/gemini-2.5-pro-preview-03-25:generateContent</c>). Checked for AIL0501-AIL0503 as an SDK slot is, and
    /// reported on the id's literal (or the constant's name where the body or path uses one).
    /// </summary>
    /// <remarks>
    /// Whose ids count depends on the endpoint (<see cref="LlmEndpoints.ApiOf"/>): none at Ollama's paths (its names are
    /// its own) or Azure OpenAI's (the model is a deployment name); an OpenAI id only at a URL that spells OpenAI's host
    /// (<c>api.openai.com</c>), or a relative one whose client's every possible <c>BaseAddress</c> is OpenAI's
    /// (<see cref="RawHttpBaseAddresses"/>: the posting type's own assignments, typed and named client registrations,
    /// settings defaults and files): at any other host or a host the code does not spell or resolve, an
    /// OpenAI-compatible server may keep "gpt-4" as a local alias, as <see cref="OtherEndpoints"/> assumes for the SDK's
    /// slots. Another provider's id (Claude's, Gemini's, a user table's provider) is that provider's model wherever a
    /// gateway forwards it there. At a provider's own API (Anthropic's <c>/v1/messages</c>, Gemini's
    /// <c>:generateContent</c>) only that provider's ids count, as at its SDK's slots (<see cref="SlotProviders"/>). Not in
    /// a test project: a request there goes to a fake handler.
    /// </remarks>
    internal sealed partial class RawHttpModelIds
    {
        private const int MaxDepth = 6;
        private static readonly string[] GeminiMethods = { ":generateContent", ":streamGenerateContent" };

        // The model table's provider names (ModelRow.Provider) of the endpoints' own providers.
        internal const string OpenAIProvider = "openai";
        internal const string AnthropicProvider = "anthropic";
        internal const string GeminiProvider = "gemini";

        private readonly RawHttpLlmCalls calls;
        private readonly HelperPostedBodies helperBodies;
        private readonly KnownModelSymbols symbols;

        // One diagnostic per location and message: a body held in a field may be posted from several members, and a
        // helper's call at one location can return several ids, each reported (review90 M-1).
        private readonly ConcurrentDictionary<(Location, string), bool> reported = new ConcurrentDictionary<(Location, string), bool>();

        private RawHttpModelIds(RawHttpLlmCalls calls, KnownModelSymbols symbols)
        {
            this.calls = calls;
            this.symbols = symbols;
            helperBodies = new HelperPostedBodies(calls.Compilation, calls);
        }

        /// <summary>The checker for <paramref name="compilation"/>, or null where no raw request can be an LLM call.</summary>
        public static RawHttpModelIds? Create(Compilation compilation, KnownModelSymbols symbols)
        {
            if (symbols.IsTestProject)
            {
                return null;
            }

            var calls = new RawHttpLlmCalls(compilation);
            return calls.IsAvailable ? new RawHttpModelIds(calls, symbols) : null;
        }

        /// <summary>
        /// Whether <paramref name="invocation"/> may be a raw LLM request, or hand a body to a project helper that posts it
        /// (<see cref="HelperPostedBodies"/>): a cheap test on the method. Any ordinary method of the project is one (an
        /// interface method's omitted default, a constant handed to a helper, are read at its call); the source test is
        /// kept per method (<see cref="HelperPostedBodies.IsOrdinarySourceMethod"/>).
        /// </summary>
        public bool IsCandidate(IInvocationOperation invocation) =>
            calls.IsCandidate(invocation.TargetMethod) || helperBodies.IsOrdinarySourceMethod(invocation.TargetMethod);

        /// <summary>
        /// Checks a raw LLM request (after <see cref="IsCandidate"/>). Ids spelled in JSON text, a DTO's literal default or
        /// Gemini's path are reported here; a body's <c>model</c> value goes to <paramref name="checkValue"/> with the view
        /// of <paramref name="table"/> whose ids count at the endpoint, to be read as at an SDK slot (<see cref="ModelUses"/>,
        /// which reports each diagnostic once through <see cref="FirstReport"/>).
        /// </summary>
        public void CheckRequest(IInvocationOperation invocation, Compilation compilation, ModelTable table, Action<IOperation, ModelTable> checkValue, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (RequestOf(invocation, cancellationToken) is { } request)
            {
                CheckPost(request.Post, request.Url, request.UrlText, request.Body, compilation, table, checkValue, report, cancellationToken);
            }
            else if (ModelBearingBody(invocation, compilation, cancellationToken) is { } body)
            {
                // An image or moderation request to OpenAI (RawHttpModelIds.ModelBearingEndpoints.cs): OpenAI's ids only.
                CheckBody(body, table.OfProvider(OpenAIProvider), compilation, checkValue, report, cancellationToken);
            }
        }

        /// <summary>
        /// The raw request <paramref name="invocation"/> makes: a POST to a recognised URL (its body null here, read from
        /// the POST when needed), or a body the caller builds and a project helper posts (<see cref="HelperPostedBodies"/>),
        /// read at the caller's argument; null for any other call.
        /// </summary>
        private (IInvocationOperation Post, IOperation Url, string UrlText, IOperation? Body)? RequestOf(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (!calls.IsCandidate(invocation.TargetMethod))
            {
                return helperBodies.Find(invocation, cancellationToken) is { } helper ? (helper.Post, helper.Url, helper.UrlText, helper.Body) : null;
            }

            return calls.RecognizedUrl(invocation, cancellationToken) is { } recognized ? (invocation, recognized.Operand, recognized.Text, null) : null;
        }

        /// <summary>
        /// Checks the request <paramref name="invocation"/> posts to <paramref name="url"/> (text <paramref name="urlText"/>),
        /// whose body is <paramref name="body"/>, or, when null, the POST's own body operand.
        /// </summary>
        private void CheckPost(IInvocationOperation invocation, IOperation url, string urlText, IOperation? body, Compilation compilation, ModelTable table, Action<IOperation, ModelTable> checkValue, Action<Diagnostic> report, CancellationToken cancellationToken)
        {

            ModelTable view;
            switch (LlmEndpoints.ApiOf(urlText))
            {
                case EndpointApi.Gemini:
                    // Vertex AI (aiplatform.googleapis.com, .../publishers/google/models/...) retires Gemini versions on
                    // its own schedule, not on the Gemini API's dates the table holds. Gemini's own endpoint serves
                    // Gemini's models only: another provider's id in its path names no model it has (as at a single
                    // provider's SDK slot, SlotProviders).
                    if (!IsVertexAI(urlText)
                        && GeminiPathId(url, compilation, 0, cancellationToken) is { } inPath)
                    {
                        Report(inPath.Id, inPath.Location, table.OfProvider(GeminiProvider), report);
                    }

                    return;
                case EndpointApi.Anthropic:
                    // Anthropic's Messages API serves Claude's models only: a Gemini or OpenAI id there is no model it has.
                    view = table.OfProvider(AnthropicProvider);
                    break;
                case EndpointApi.OpenAICompatible:
                    // Another host may keep OpenAI's ids as its own aliases; other providers' ids are theirs anywhere.
                    view = GoesToOpenAI(invocation, urlText, compilation, cancellationToken)
                        ? table
                        : table.WithoutProvider(OpenAIProvider);
                    break;
                default:
                    return;
            }

            body ??= calls.BodyOperand(invocation, cancellationToken);
            if (body is not null)
            {
                CheckBody(body, view, compilation, checkValue, report, cancellationToken);
            }
        }

        /// <summary>
        /// Checks the <c>model</c> members of a request body against <paramref name="view"/>: an id spelled in JSON text or
        /// a DTO's literal default here, any other value (a constant, a settings default) through <paramref name="checkValue"/>;
        /// and, for a reasoning model the body names as a constant, its sampling members (AIL0504).
        /// </summary>
        private void CheckBody(IOperation body, ModelTable view, Compilation compilation, Action<IOperation, ModelTable> checkValue, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            var models = RequestBodyModelIds.Read(body, compilation, cancellationToken);
            foreach (var model in models)
            {
                if (model.Id is { } id && model.Location is { } location)
                {
                    Report(id, location, view, report);
                }
                else if (model.Syntax is { } syntax
                    && SourceBodies.GetOperation(syntax, compilation, cancellationToken) is { } constant)
                {
                    // A DTO member's `= DefaultModel`, bound in its own file.
                    checkValue(constant, view);
                }
                else if (model.Value is { } value && !IsSdkModelSlot(value))
                {
                    checkValue(value, view);
                }
            }

            // AIL0504: the sampling members the same body sends to a reasoning model (RawHttpModelIds.Sampling.cs).
            CheckBodySampling(body, models, view, compilation, report, cancellationToken);
        }

        /// <summary>
        /// The raw LLM requests <paramref name="methodBody"/> makes, each with its URL's text and body (directly, or a body a
        /// project helper posts): read by <see cref="ConstructorArgumentSlots"/> for the fields a type's bodies send.
        /// </summary>
        internal System.Collections.Generic.IEnumerable<(IInvocationOperation Post, string UrlText, IOperation Body)> RequestsIn(IOperation methodBody, CancellationToken cancellationToken)
        {
            foreach (var invocation in methodBody.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (IsCandidate(invocation) && RequestOf(invocation, cancellationToken) is { } request
                    && (request.Body ?? calls.BodyOperand(request.Post, cancellationToken)) is { } body)
                {
                    yield return (request.Post, request.UrlText, body);
                }
            }
        }

        /// <summary>Whether <paramref name="diagnostic"/> was not reported yet for a raw request of the compilation (and claims it).</summary>
        public bool FirstReport(Diagnostic diagnostic) =>
            reported.TryAdd((diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), true);

        // An SDK's request type posted raw (Betalgo's ChatCompletionCreateRequest): ModelUses checks its Model already.
        private bool IsSdkModelSlot(IOperation value) =>
            value.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } }
            && (KnownModelSymbols.IsModelProperty(property) || symbols.OlderSdks.IsModelProperty(property));

        /// <summary>The URL of a raw LLM request (after <see cref="IsCandidate"/>), or null (read by <see cref="RawHttpSettingsView"/>).</summary>
        internal string? RecognizedUrlText(IInvocationOperation invocation, CancellationToken cancellationToken) =>
            calls.RecognizedUrl(invocation, cancellationToken)?.Text;

        /// <summary>The body a raw LLM POST sends (after <see cref="IsCandidate"/>), or null (read by Summaries/RawHttpSettingsModels.cs).</summary>
        internal IOperation? PostedBody(IInvocationOperation invocation, CancellationToken cancellationToken) =>
            calls.BodyOperand(invocation, cancellationToken);

        /// <summary>Whether an OpenAI-compatible request goes to OpenAI's own host, as far as the code spells it.</summary>
        internal bool GoesToOpenAI(IInvocationOperation invocation, string urlText, Compilation compilation, CancellationToken cancellationToken) =>
            NamesOpenAI(urlText) || (IsRelative(urlText) && BaseAddressIsOpenAI(invocation, compilation, cancellationToken));

        /// <summary>A Gemini URL at Vertex AI, which retires Gemini versions on its own schedule.</summary>
        internal static bool IsVertexAI(string urlText) =>
            urlText.IndexOf("aiplatform.googleapis.com", StringComparison.OrdinalIgnoreCase) >= 0
            || urlText.IndexOf("/publishers/", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool NamesOpenAI(string url) => url.IndexOf("api.openai.com", StringComparison.OrdinalIgnoreCase) >= 0;

        // "v1/chat/completions": the client's BaseAddress supplies the host.
        private static bool IsRelative(string url) =>
            url.IndexOf("://", StringComparison.Ordinal) < 0 && (url.Length == 0 || url[0] != LlmEndpoints.Hole);

        /// <summary>
        /// A relative URL: OpenAI's host when every base address its client can have spells it, set in the posting type,
        /// where the client is created, or by the project's <c>AddHttpClient</c> registrations (<see cref="RawHttpBaseAddresses"/>).
        /// </summary>
        private bool BaseAddressIsOpenAI(IInvocationOperation invocation, Compilation compilation, CancellationToken cancellationToken) =>
            RawHttpBaseAddresses.AllOpenAI(invocation, compilation, symbols, cancellationToken);

        /// <summary>An id spelled in the request (JSON text, a DTO's literal default, Gemini's path), checked against <paramref name="view"/>.</summary>
        private void Report(string id, Location location, ModelTable view, Action<Diagnostic> report)
        {
            if (view.Find(id) is not { } row
                || ModelIdDiagnostics.Create(row, id, location, view.CompiledOn) is not { } diagnostic
                || !FirstReport(diagnostic))
            {
                return;
            }

            report(diagnostic);
        }

        /// <summary>
        /// The id of <c>.../models/{id}:generateContent</c> and where the URL spells it: inside a literal or an interpolated
        /// string's text, or the constant (a <c>const</c>, a never-written field or local) interpolated or concatenated
        /// just before the method.
        /// </summary>
        private (string Id, Location Location)? GeminiPathId(IOperation url, Compilation compilation, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            url = OperationValues.Unwrap(url);
            // A constant interpolated string or concatenation ($"models/{Model}:generateContent" with a const Model) is read
            // by its parts below, to find the part that spells the id.
            if (url is not (IInterpolatedStringOperation or IBinaryOperation) && url.ConstantValue is { HasValue: true, Value: string text })
            {
                return IdBeforeMethod(text) is { } id ? (id, InLiteral(url.Syntax, id)) : null;
            }

            switch (url)
            {
                case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }:
                    var traced = OperationValues.Trace(url, compilation, cancellationToken);
                    return ReferenceEquals(traced, url) ? null : GeminiPathId(traced, compilation, depth + 1, cancellationToken);

                case IInterpolatedStringOperation interpolated:
                    for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                    {
                        if (interpolated.Parts[i] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string part } textPart
                            && MethodAt(part) is { } at)
                        {
                            if (IdBeforeMethod(part) is { } id && textPart.Syntax is InterpolatedStringTextSyntax syntax)
                            {
                                return (id, InToken(syntax.TextToken, id));
                            }

                            // $"models/{model}:generateContent": the interpolated value just before the method.
                            return at == 0 && i > 0 && interpolated.Parts[i - 1] is IInterpolationOperation hole
                                && ModelIdValue.Fold(hole.Expression, cancellationToken) is { } named
                                ? (named, hole.Expression.Syntax.GetLocation())
                                : null;
                        }
                    }

                    return null;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    if (calls.UrlText(concatenation.RightOperand, cancellationToken) is not { } right || MethodAt(right) is not { } method)
                    {
                        // base + "models/x:generateContent?key=" + key: the method is further left.
                        return GeminiPathId(concatenation.LeftOperand, compilation, depth + 1, cancellationToken);
                    }

                    if (method > 0)
                    {
                        return GeminiPathId(concatenation.RightOperand, compilation, depth + 1, cancellationToken);
                    }

                    // "models/" + Model + ":generateContent", or "models/gemini-x" + ":generateContent".
                    var left = OperationValues.Unwrap(concatenation.LeftOperand);
                    var last = left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner ? inner.RightOperand : left;
                    if (ModelIdValue.Fold(last, cancellationToken) is not { } folded)
                    {
                        return null;
                    }

                    var segment = folded.Substring(folded.LastIndexOf('/') + 1);
                    if (segment.Length == 0)
                    {
                        return null;
                    }

                    return segment.Length == folded.Length || last.Syntax is not LiteralExpressionSyntax literal
                        ? (segment, last.Syntax.GetLocation())
                        : (segment, InToken(literal.Token, segment, literal.Token.Text.Length - 1));

                case IObjectCreationOperation { Arguments.Length: > 0 } creation:
                    // new Uri(url) or new Uri(base, relative).
                    var first = creation.Arguments[0];
                    return first.Parameter?.Type.SpecialType == SpecialType.System_String
                        ? GeminiPathId(first.Value, compilation, depth + 1, cancellationToken)
                        : creation.Arguments.Length > 1 ? GeminiPathId(creation.Arguments[1].Value, compilation, depth + 1, cancellationToken) : null;

                default:
                    return null;
            }
        }

        /// <summary>Where Gemini's method (<c>:generateContent</c>) starts in <paramref name="text"/>, or null.</summary>
        private static int? MethodAt(string text)
        {
            foreach (var method in GeminiMethods)
            {
                var at = text.IndexOf(method, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return at;
                }
            }

            return null;
        }

        /// <summary>The path segment just before the method, when the text spells it.</summary>
        private static string? IdBeforeMethod(string text)
        {
            if (MethodAt(text) is not { } at || at == 0)
            {
                return null;
            }

            var start = text.LastIndexOf('/', at - 1) + 1;
            var id = text.Substring(start, at - start);
            return id.Length > 0 && id.IndexOf(LlmEndpoints.Hole) < 0 ? id : null;
        }

        /// <summary>The id inside a string literal's token, or the whole expression (a constant's name).</summary>
        private static Location InLiteral(SyntaxNode syntax, string id) =>
            syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? InToken(literal.Token, id)
                : syntax.GetLocation();

        private static Location InToken(SyntaxToken token, string id) =>
            MethodAt(token.Text) is { } method && method >= id.Length ? InToken(token, id, method - 1) : token.GetLocation();

        /// <summary>The last occurrence of <paramref name="id"/> in the token's source text that ends by <paramref name="end"/>.</summary>
        private static Location InToken(SyntaxToken token, string id, int end)
        {
            var at = end >= id.Length - 1 ? token.Text.LastIndexOf(id, end, StringComparison.Ordinal) : -1;
            return at < 0 || token.SyntaxTree is null
                ? token.GetLocation()
                : Location.Create(token.SyntaxTree, new TextSpan(token.SpanStart + at, id.Length));
        }
    }
}
