using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The one reader of a raw HTTP request body as the code builds it, for every question asked of it: is it an LLM
    /// request (<see cref="LlmRequestEvidence"/>), which model does it name (Models/RequestBodyModelIds), which system text
    /// does it carry (Prompts/RawHttpPromptSlots). A body is unwrapped through <c>JsonSerializer.Serialize</c>/
    /// <c>JsonConvert.SerializeObject</c>, <c>JsonContent.Create</c>, <c>new StringContent(...)</c> (and other
    /// <c>HttpContent</c> taking the value first), a <c>JsonObject</c>'s <c>ToJsonString()</c>, and locals or fields
    /// (<see cref="OperationValues.Trace"/>), down to:
    /// <list type="bullet">
    /// <item>an object the code creates (<see cref="BodyObject"/>): an anonymous object, a DTO (initializer members by their
    /// <c>[JsonPropertyName]</c>/<c>[JsonProperty]</c> name or their own, constructor arguments by parameter name), a
    /// <c>Dictionary&lt;string, object&gt;</c> or <c>JsonObject</c> (<c>["role"] = ...</c>, <c>{ "role", ... }</c>);</item>
    /// <item>JSON text handed to <c>StringContent</c> (<see cref="JsonBodyText"/>): a literal, verbatim or raw string, an
    /// interpolated or concatenated one, read as the start of a JSON object. Text that a serializer or
    /// <c>PostAsJsonAsync</c> is given is sent as a JSON string, not an object, and is not read.</item>
    /// </list>
    /// A project helper's result (<c>PostAsJsonAsync(url, CreateRequestBody(p))</c>) is read as the value of its one
    /// <c>return</c> (<see cref="HelperReturnedBodies"/>), one helper deep.
    /// Anything else (a parameter, a virtual or library factory's result) is <see cref="BodyShape.Value"/> alone, for its type.
    /// </summary>
    internal static class RequestBodyShape
    {
        private const int MaxDepth = 4;

        /// <summary>
        /// What the body operand <paramref name="body"/> stands for. <paramref name="anyText"/>: read text wherever the
        /// unwrapping ends, not only as <c>StringContent</c>'s content (corroboration reads a caller's JSON text argument).
        /// </summary>
        public static BodyShape Of(IOperation body, Compilation compilation, CancellationToken cancellationToken, bool anyText = false)
        {
            var operand = body;
            var asContent = RawHttpLlmCalls.SentAsText(body, compilation); // PostStringAsync, AddStringBody: text as sent
            IInvocationOperation? helper = null;
            IOperation? atCaller = null;
            for (var depth = 0; depth <= MaxDepth; depth++)
            {
                var traced = OperationValues.Trace(operand, compilation, cancellationToken);
                switch (traced)
                {
                    case IObjectCreationOperation creation when IsHttpContent(creation.Type):
                        // new StringContent(json, ...), JsonContent-like subclasses taking the value first.
                        if (creation.Arguments.Length == 0)
                        {
                            return new BodyShape(traced, operand, null);
                        }

                        operand = creation.Arguments[0].Value;
                        asContent = true;
                        continue;
                    case IAnonymousObjectCreationOperation or IObjectCreationOperation:
                        return new BodyShape(traced, operand, BodyObject.Created(traced), helper: helper, atCaller: atCaller);
                    case IInvocationOperation invocation when SerializedValue(invocation) is { } serialized:
                        // JsonSerializer.Serialize(x), JsonConvert.SerializeObject(x), JsonContent.Create(x).
                        operand = serialized;
                        asContent = false;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "ToJsonString", Instance: { } node }:
                        // new StringContent(body.ToJsonString()) of a JsonObject.
                        operand = node;
                        asContent = false;
                        continue;
                    case IInvocationOperation call when helper is null
                        && HelperReturnedBodies.Returned(call, compilation, cancellationToken) is { } returned:
                        // CreateRequestBody(prompt) => new { model = "...", prompt }: the body the helper returns, read
                        // as written there (one helper deep: a helper of the helper is not followed).
                        helper = call;
                        atCaller = operand;
                        operand = returned;
                        continue;
                }

                var text = asContent || anyText ? JsonBodyText.Of(traced) : null;
                return new BodyShape(traced, operand, text?.Object is { } json ? BodyObject.InText(json) : null, text, helper, atCaller);
            }

            return new BodyShape(body, body, null);
        }

        /// <summary>The object a body, or a value inside one (a message, a content part), stands for; null for anything else.</summary>
        public static BodyObject? ObjectOf(BodyValue value, Compilation compilation, CancellationToken cancellationToken) =>
            value.Operation is { } operation
                ? Of(operation, compilation, cancellationToken).Object
                : value.Text is JsonTextObject json ? BodyObject.InText(json) : null;

        /// <summary>
        /// The elements of a collection in a body: in JSON text, an array's; in code, those of an array
        /// (<c>new[] { ... }</c>), a collection initializer (<c>new List&lt;object&gt; { ... }</c>, <c>new JsonArray { ... }</c>),
        /// a collection expression, a <c>ToArray()</c>/<c>ToList()</c> of one of those, and the items the code adds to it: for
        /// a local, in its body (<c>messages.Add(new { role = "system", ... })</c>), for a field of the project, in any member of
        /// its type. Elements are returned as written (a local stays a local).
        /// </summary>
        public static List<BodyValue> Elements(BodyValue collection, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<BodyValue>();
            if (collection.Text is JsonTextArray array)
            {
                foreach (var element in array.Elements)
                {
                    found.Add(BodyValue.From(element));
                }
            }
            else if (collection.Operation is { } operation)
            {
                foreach (var element in BodyCollections.Elements(operation, compilation, cancellationToken))
                {
                    found.Add(new BodyValue(element));
                }
            }

            return found;
        }

        /// <summary>
        /// The value a serialization call turns into the body: the first value argument of <c>JsonSerializer.Serialize(x)</c>,
        /// <c>JsonConvert.SerializeObject(x)</c> or <c>JsonContent.Create(x)</c> (after the receiver of an extension method);
        /// null for any other call.
        /// </summary>
        internal static IOperation? SerializedValue(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!(method.Name.StartsWith("Serialize", StringComparison.Ordinal) || method.Name == "Create"))
            {
                return null;
            }

            var ordinal = method.IsExtensionMethod ? 1 : 0;
            return invocation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == ordinal)?.Value;
        }

        /// <summary>System.Net.Http's <c>HttpContent</c> or a type derived from it.</summary>
        internal static bool IsHttpContent(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "HttpContent" && current.ContainingNamespace?.ToDisplayString() == "System.Net.Http")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The JSON name a member declares: <c>[JsonPropertyName("max_tokens")]</c> (System.Text.Json) or <c>[JsonProperty("max_tokens")]</c> (Newtonsoft).</summary>
        internal static string? JsonName(ISymbol member) =>
            member.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name is "JsonPropertyNameAttribute" or "JsonPropertyAttribute")
                is { ConstructorArguments: { Length: > 0 } arguments } && arguments[0].Value is string name
                ? name
                : null;

        /// <summary>A name compared without case and underscores: <c>system_instruction</c> is <c>SystemInstruction</c> under a naming policy.</summary>
        internal static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant();
    }

    /// <summary>A body operand read by <see cref="RequestBodyShape.Of"/>.</summary>
    internal sealed class BodyShape
    {
        public BodyShape(IOperation value, IOperation operand, BodyObject? obj, JsonBodyText? text = null, IInvocationOperation? helper = null, IOperation? atCaller = null)
        {
            Value = value;
            Operand = operand;
            Object = obj;
            Text = text;
            Helper = helper;
            AtCaller = atCaller;
        }

        /// <summary>Where the unwrapping stopped: the creation, the text, or a value the code does not build in view.</summary>
        public IOperation Value { get; }

        /// <summary>The operand that leads to <see cref="Value"/> (a local holding the object, or the object itself).</summary>
        public IOperation Operand { get; }

        /// <summary>The object the body creates or spells; null when it is neither.</summary>
        public BodyObject? Object { get; }

        /// <summary>The JSON text handed to <c>StringContent</c>, when the body is text (parsed or not).</summary>
        public JsonBodyText? Text { get; }

        /// <summary>
        /// The call of the project helper whose returned body this is (<see cref="HelperReturnedBodies"/>), or null when the
        /// code builds the body in view: <see cref="Value"/> and <see cref="Operand"/> are then in the helper's body.
        /// </summary>
        public IInvocationOperation? Helper { get; }

        /// <summary>The caller's operand that led to <see cref="Helper"/>'s call (a local holding its result, or the call).</summary>
        public IOperation? AtCaller { get; }
    }
}
