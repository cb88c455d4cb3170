namespace Crm.Application.Common;

/// <summary>Cells written to CSV files people open in spreadsheets (exports, rejected-row files).</summary>
public static class CsvCells
{
    /// <summary>OWASP CSV injection: a leading = + - @ tab or CR makes spreadsheets evaluate the cell; a leading ' defuses it.</summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
