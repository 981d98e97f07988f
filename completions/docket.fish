# fish completion for docket(1).  Every candidate comes from docket itself
# ('docket __complete words ...'): commands, options, case IDs, stages,
# kinds, reasons, staff, deadlines.  Nothing here knows a command, so
# nothing here changes when docket does.
# Installed as share/fish/vendor_completions.d/docket.fish.

function __docket_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l bin (string replace -r '^~' $HOME -- $tokens[1])
    for line in ($bin __complete words $tokens[2..-1] $current 2>/dev/null)
        switch $line
            case :files
                __fish_complete_path $current
            case :dirs
                __fish_complete_directories $current ''
            case ':*'
            case '*'
                printf '%s\n' $line
        end
    end
end

complete -c docket -f -a '(__docket_complete)'
