import { useLoad } from '../shared/use-load';
import { loadPeople, loadTeams } from '../shared/directory';
import { TicketDetailView } from './ticket-detail';
import { TicketList } from './ticket-list';
import { createHttpTicketsApi, type TicketsApi } from './tickets-api';

const httpApi = createHttpTicketsApi();

/** `#/tickets` the list, `#/tickets/<id>` one ticket. */
export function TicketsPage({ selectedId, api = httpApi }: { selectedId?: string; api?: TicketsApi }) {
  const directory = useLoad(async () => {
    const [people, teams] = await Promise.all([loadPeople(), loadTeams()]);
    return { people, teams };
  }, 'directory');
  const people = directory.data?.people ?? [];
  const teams = directory.data?.teams ?? [];
  return (
    <div className="tickets-page">
      {selectedId ? (
        <TicketDetailView key={selectedId} api={api} id={selectedId} people={people} teams={teams} />
      ) : (
        <TicketList api={api} people={people} teams={teams} />
      )}
    </div>
  );
}
