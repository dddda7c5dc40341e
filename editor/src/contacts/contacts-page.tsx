import { ContactDetailView } from './contact-detail';
import { ContactList } from './contact-list';
import { createHttpContactsApi, type ContactsApi } from './contacts-api';
import { DuplicatesView } from './duplicates';
import './contacts.css';

const httpApi = createHttpContactsApi();

/** `#/contacts` the list, `#/contacts/duplicates` merging, `#/contacts/<id>` one contact. */
export function ContactsPage({ selectedId, api = httpApi }: { selectedId?: string; api?: ContactsApi }) {
  return (
    <div className="contacts-page">
      {selectedId === 'duplicates' ? (
        <DuplicatesView api={api} />
      ) : selectedId ? (
        <ContactDetailView key={selectedId} api={api} id={selectedId} />
      ) : (
        <ContactList api={api} />
      )}
    </div>
  );
}
