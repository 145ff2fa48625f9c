using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The <c>model</c> member of a raw HTTP request body, read by <see cref="RequestBodyShape"/> (the reader
    /// <see cref="LlmRequestEvidence"/> and the prompt slots use too): an anonymous object (<c>new { model = "gpt-4", messages }</c>), a DTO initializer (<c>Model = ...</c>, or a
    /// member whose <c>[JsonPropertyName]</c>/<c>[JsonProperty]</c> is <c>"model"</c>) or constructor argument named
    /// <c>model</c> (or that parameter's default), a DTO of the project whose model member starts with a value that neither
    /// the initializer nor the DTO's own code replaces, a
    /// dictionary or <c>JsonObject</c> (<c>["model"] = ...</c>, <c>{ "model", ... }</c>), the top-level <c>"model"</c> of JSON
    /// text given to <c>StringContent</c> (<see cref="JsonBodyText"/>: an id it spells, or the value a hole inserts inside
    /// the quotes, <c>"model": "{_model}"</c>), each also wrapped in <c>JsonSerializer.Serialize</c>/<c>JsonConvert.SerializeObject</c>, <c>JsonContent.Create</c>
    /// or <c>new StringContent(...)</c>, and followed through a local or field as <see cref="OperationValues.Trace"/> does.
    /// A body a project helper returns is read in the helper (<see cref="HelperReturnedBodies"/>), a model member that
    /// reads the helper's parameter as the argument the call passes. A body the code does not build in view (a parameter,
    /// a virtual or library factory's result) gives nothing; so does a body held in a local whose model member the member
    /// (or the caller holding the helper's result) writes again after creating it.
    /// </summary>
    internal static class RequestBodyModelIds
    {
        /// <summary>The model member of <paramref name="body"/>: its value to fold, or the id and where it is written.</summary>
        public static List<BodyModel> Read(IOperation body, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<BodyModel>(1);
            var shape = RequestBodyShape.Of(body, compilation, cancellationToken);
            if (shape.Object is not { } created || ModelWrittenAgain(shape.Operand, shape.Value, cancellationToken)
                || (shape.AtCaller is { } atCaller && ModelWrittenAgain(atCaller, shape.Value, cancellationToken)))
            {
                return found;
            }

            ISymbol? assigned = null;
            foreach (var member in created.Members)
            {
                switch (member.Kind)
                {
                    case BodyMemberKind.Key when member.Key == "model":
                        // new Dictionary<string, object> { ["model"] = ... }, { "model", "gpt-4" }, "model": "gpt-4" in JSON text.
                        AddValue(member.Value, shape, found);
                        break;
                    case BodyMemberKind.Property when IsModelName(member.Key):
                        // new { model = ... }, new ChatRequest { Model = ... } (or the member whose JSON name is "model").
                        assigned = member.Symbol;
                        found.Add(new BodyModel(AtCaller(member.Value.Operation!, shape)));
                        break;
                    case BodyMemberKind.Argument when IsModelName(member.Key):
                        AddArgument(member.Argument!, shape, found, cancellationToken);
                        break;
                }
            }

            if (found.Count == 0 && assigned == null && created.Creation is IObjectCreationOperation { Type: INamedTypeSymbol type })
            {
                AddMemberDefault(type, found, cancellationToken);
            }

            return found;
        }

        /// <summary>
        /// A value a helper's returned body reads from the helper's own parameter: the argument the call passes
        /// (<see cref="HelperReturnedBodies.AtCaller"/>); any other value as written.
        /// </summary>
        private static IOperation AtCaller(IOperation value, BodyShape shape) =>
            shape.Helper is { } call && HelperReturnedBodies.AtCaller(value, call) is { } argument ? argument : value;

        /// <summary>A key's value: an operation the code writes (a hole of JSON text inside quotes too), or an id the text spells.</summary>
        private static void AddValue(BodyValue value, BodyShape shape, List<BodyModel> found)
        {
            if (value.Operation is { } operation)
            {
                found.Add(new BodyModel(AtCaller(operation, shape)));
            }
            else if (value.Text is JsonTextString { Constant: { Length: > 0 } id, Location: { } location })
            {
                found.Add(new BodyModel(id, location));
            }
        }

        /// <summary>
        /// new ChatRequest("gpt-4", messages) with `record ChatRequest(string Model, ...)`; new ChatRequest(text) with
        /// `ChatRequest(string text, string model = "gpt-4")`: the parameter's default, reported where it is written.
        /// </summary>
        private static void AddArgument(IArgumentOperation argument, BodyShape shape, List<BodyModel> found, CancellationToken cancellationToken)
        {
            var parameter = argument.Parameter!;
            if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                found.Add(new BodyModel(AtCaller(argument.Value, shape)));
            }
            else if (parameter.DeclaringSyntaxReferences.Length == 1
                && parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ParameterSyntax { Default.Value: LiteralExpressionSyntax literal }
                && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                found.Add(new BodyModel(literal.Token.ValueText, literal.GetLocation()));
            }
        }

        /// <summary>
        /// <c>public string Model { get; set; } = "gpt-3.5-turbo";</c> on a request DTO of the project that the body
        /// creates without setting it: the value sent. Only a member declared once, with a literal or a constant initializer.
        /// </summary>
        private static void AddMemberDefault(INamedTypeSymbol type, List<BodyModel> found, CancellationToken cancellationToken)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic
                        || member is not (IPropertySymbol { IsIndexer: false, Type.SpecialType: SpecialType.System_String } or IFieldSymbol { Type.SpecialType: SpecialType.System_String })
                        || member.IsImplicitlyDeclared
                        || !IsModelName(RequestBodyShape.JsonName(member) ?? member.Name)
                        || member.DeclaringSyntaxReferences.Length != 1)
                    {
                        continue;
                    }

                    if (WrittenInItsType(member, cancellationToken))
                    {
                        // A constructor or method sets it (`Model = "gpt-4o";`, `Model = model;`): the initializer may not be sent.
                        return;
                    }

                    var initializer = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
                    {
                        PropertyDeclarationSyntax property => property.Initializer?.Value,
                        VariableDeclaratorSyntax field => field.Initializer?.Value,
                        _ => null,
                    };
                    if (initializer is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        found.Add(new BodyModel(literal.Token.ValueText, literal.GetLocation()));
                    }
                    else if (initializer is IdentifierNameSyntax or MemberAccessExpressionSyntax)
                    {
                        // `= DefaultModel`: a constant, folded where it is declared.
                        found.Add(new BodyModel(initializer));
                    }

                    return;
                }
            }
        }

        /// <summary>Any write, in the member's type, to a name spelled like the member (to stay on the safe side).</summary>
        private static bool WrittenInItsType(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var part in member.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var identifier in part.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == member.Name && ModelIdValue.IsWritten(identifier))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>var body = new ChatRequest { Model = "gpt-4" }; body.Model = settings.Model;</c>, or <c>body["model"] = ...</c>:
        /// the member writes the model of the local it posts after creating it, so the value in the creation may not be sent.
        /// </summary>
        private static bool ModelWrittenAgain(IOperation body, IOperation value, CancellationToken cancellationToken)
        {
            if (ReferenceEquals(OperationValues.Unwrap(body), value)
                || OperationValues.Unwrap(body) is not ILocalReferenceOperation { Local: var local }
                || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var scope = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).Ancestors()
                .FirstOrDefault(n => n is MemberDeclarationSyntax and not GlobalStatementSyntax or CompilationUnitSyntax);
            if (scope is null)
            {
                return false;
            }

            foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var receiver = assignment.Left switch
                {
                    MemberAccessExpressionSyntax access when IsModelName(access.Name.Identifier.ValueText) => access.Expression,
                    ElementAccessExpressionSyntax element when element.ArgumentList.Arguments.Count == 1
                        && element.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: "model" } => element.Expression,
                    _ => null,
                };
                if (receiver is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsModelName(string name) =>
            string.Equals(name, "model", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A body's model member: a value to fold (<see cref="Value"/> or <see cref="Syntax"/>), or an id read from text.</summary>
    internal readonly struct BodyModel
    {
        public BodyModel(IOperation value)
        {
            Value = value;
            Syntax = null;
            Id = null;
            Location = null;
        }

        public BodyModel(ExpressionSyntax syntax)
        {
            Value = null;
            Syntax = syntax;
            Id = null;
            Location = null;
        }

        public BodyModel(string id, Location location)
        {
            Value = null;
            Syntax = null;
            Id = id;
            Location = location;
        }

        /// <summary>The value written at the body (a literal, a constant, a settings property...).</summary>
        public IOperation? Value { get; }

        /// <summary>A DTO member's initializer naming a constant, bound in its own file.</summary>
        public ExpressionSyntax? Syntax { get; }

        /// <summary>An id spelled in JSON text or a DTO member's literal initializer.</summary>
        public string? Id { get; }

        public Location? Location { get; }
    }
}
